import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import { Kernel } from '../kernel/kernel';
import { EventBus } from '../bus/event-bus';
import { SeedTree } from '../random/seed-tree';
import { Recorder } from '../recorder/recorder';
import { MemorySink } from '../recorder/memory-sink';
import type { Sink } from '../recorder/table';
import { VirtualTimeScheduler } from '../rx/virtual-time-scheduler';
import { EngineTokens } from './tokens';

export interface RunContainerOptions {
  /** Master seed of the run's seed tree. */
  seed: string | number;
  /** Name of this run under the master seed (e.g. `rep-3`); default `run`. */
  runName?: string;
  /** Where recorded tables go; default in memory. */
  sink?: Sink;
  chunkRows?: number;
}

/**
 * The engine's services for one run, as a container module: one kernel, bus, seed tree,
 * recorder and virtual-time scheduler per run. World services and plugins are further modules
 * loaded into the same container.
 */
export function engineModule(options: RunContainerOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const kernel = new Kernel();
    bind(EngineTokens.Kernel).toConstantValue(kernel);
    bind(EngineTokens.Bus).toConstantValue(new EventBus(kernel));
    bind(EngineTokens.Seeds).toConstantValue(new SeedTree(options.seed).child(options.runName ?? 'run'));
    const recorderOptions = options.chunkRows === undefined ? {} : { chunkRows: options.chunkRows };
    bind(EngineTokens.Recorder).toConstantValue(new Recorder(options.sink ?? new MemorySink(), recorderOptions));
    bind(EngineTokens.Scheduler).toConstantValue(new VirtualTimeScheduler(kernel));
  });
}

/** A fresh container holding the engine's services for one run. */
export function createRunContainer(options: RunContainerOptions): Container {
  const container = new Container();
  container.load(engineModule(options));
  return container;
}
