import type { ServiceIdentifier } from 'inversify';
import type { Kernel } from '../kernel/kernel';
import type { EventBus } from '../bus/event-bus';
import type { SeedTree } from '../random/seed-tree';
import type { Recorder } from '../recorder/recorder';
import type { VirtualTimeScheduler } from '../rx/virtual-time-scheduler';

/** Service identifiers of the engine's services in the run container. */
export const EngineTokens = {
  Kernel: Symbol.for('paradox.engine.Kernel') as ServiceIdentifier<Kernel>,
  Bus: Symbol.for('paradox.engine.Bus') as ServiceIdentifier<EventBus>,
  Seeds: Symbol.for('paradox.engine.Seeds') as ServiceIdentifier<SeedTree>,
  Recorder: Symbol.for('paradox.engine.Recorder') as ServiceIdentifier<Recorder>,
  Scheduler: Symbol.for('paradox.engine.Scheduler') as ServiceIdentifier<VirtualTimeScheduler>,
} as const;
