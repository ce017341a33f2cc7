import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runCommand } from './commands/run';
import { pluginsListCommand } from './commands/plugins';
import { scenariosListCommand } from './commands/scenarios';
import { experimentRunCommand, type ExperimentRunCliOptions } from './commands/experiment';
import { mergeCommand } from './commands/merge';
import { reproduceCommand } from './commands/reproduce';
import { queryCommand, type QueryCliOptions } from './commands/query';
import { newPluginCommand, type NewPluginCliOptions } from './commands/new-plugin';
import { parseShard } from '@paradox/lab';

/**
 * Parses argv and runs a command; returns the exit code (never calls process.exit itself), or a
 * promise of it for the commands that run asynchronously (`experiment run`, `merge`, `query`).
 */
export function main(argv: string[], io: CliIo = defaultIo): number | Promise<number> {
  const program = new Command()
    .name('paradox')
    .description('Agent-based simulator of the RWA liquidity paradox')
    .version(readVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');

  let code = 0 as number | Promise<number>;
  program
    .command('run')
    .description('run a scenario and write its outputs (time series, events, summary, manifest)')
    .argument('<scenario>', 'built-in scenario name (see `paradox scenarios list`)')
    .option('-s, --seed <n>', 'master seed (integer)', parseSeed, 1)
    .option('-o, --out <dir>', 'output directory', undefined)
    .option('-p, --param <key=value...>', 'scenario parameter, e.g. -p agents=5000', collectParams, {})
    .option('--no-progress', 'do not show the progress bar')
    .action((scenario: string, options: RunCliOptions) => {
      code = runCommand(scenario, options, io);
    });

  const plugins = program.command('plugins').description('inspect plugins');
  plugins
    .command('list')
    .description('list the plugins the built-in scenarios use, with their agent kinds')
    .action(() => {
      code = pluginsListCommand(io);
    });

  const scenarios = program.command('scenarios').description('inspect scenarios');
  scenarios
    .command('list')
    .description('list the built-in scenarios')
    .action(() => {
      code = scenariosListCommand(io);
    });

  const experiment = program.command('experiment').description('sweeps, replications and tournaments from an experiment file');
  experiment
    .command('run')
    .description(
      'run an experiment (resumable: finished runs are skipped) and write results.csv, cells.csv and, for a tournament, the leaderboard',
    )
    .argument('<file>', 'experiment file (YAML; see docs/experiments.md)')
    .option('-w, --workers <n>', 'worker threads (default: all cores; 1 runs in this thread)', parsePositiveInt)
    .option('-o, --out <dir>', 'output directory (default: out/<experiment name>)')
    .option('--shard <i/n>', 'run only the runs with index % n == i (default: from PARADOX_SHARD, a Slurm array or a Kubernetes indexed Job)', parseShardText)
    .option('--shards <n>', 'number of shards when the index comes from the environment (Kubernetes: JOB_COMPLETION_INDEX)', parsePositiveInt)
    .option('--full', "keep every run's full outputs (series, events), not only summary and manifest", false)
    .option('--rerun', 'recompute runs that are already stored (after changing code without bumping a version)', false)
    .option('--dry-run', 'validate the file and count the runs to do, without running them', false)
    .option('--no-progress', 'do not show progress')
    .action((file: string, options: ExperimentRunCliOptions) => {
      code = experimentRunCommand(file, options, io);
    });

  program
    .command('merge')
    .description("merge shards' outputs of one experiment into one results table (and leaderboard)")
    .argument('<out>', 'directory to merge into (may be one of the shard directories)')
    .argument('<dirs...>', 'shard output directories')
    .option('--partial', 'write the results of the runs present even if some are missing', false)
    .action((out: string, dirs: string[], options: { partial: boolean }) => {
      code = mergeCommand(out, dirs, options, io);
    });

  program
    .command('reproduce')
    .description("rerun the run a manifest.json describes and verify every output file's hash")
    .argument('<manifest>', 'a manifest.json (from `paradox run` or an experiment\'s runs/<id>/)')
    .option('-o, --out <dir>', 'rerun into this directory (default: a temporary one, removed if all matches)')
    .option('--keep', "keep the rerun's outputs even when everything matches", false)
    .action((manifest: string, options: { out?: string; keep: boolean }) => {
      code = reproduceCommand(manifest, options, io);
    });

  program
    .command('query')
    .description('query an experiment\'s results with SQL (DuckDB): views results, cells, leaderboard, pairwise')
    .argument('<sql>', 'e.g. "SELECT param_friends, avg(reach_share) FROM results GROUP BY 1 ORDER BY 1"')
    .option('-d, --dir <dir>', 'experiment output directory', '.')
    .option('-f, --format <format>', 'table, csv or json (one object per line)', parseFormat, 'table')
    .action((sql: string, options: QueryCliOptions) => {
      code = queryCommand(sql, options, io);
    });

  const scaffold = program.command('new').description('scaffold new packages');
  scaffold
    .command('plugin')
    .description('scaffold a plugin package (one agent kind, a spec that runs it in a small world, a README) that builds and passes its test')
    .argument('<name>', 'plugin id: lowercase words joined by dashes, e.g. patient-liquidators')
    .option('-d, --dir <dir>', 'directory of the package (default: plugins/<name> in a Paradox checkout, else ./<name>)')
    .option('--no-register', "do not add the package to the checkout's tsconfig.build.json")
    .action((name: string, options: NewPluginCliOptions) => {
      code = newPluginCommand(name, options, io);
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    io.err(`paradox: ${(error as Error).message}\n`);
    return 1;
  }
  if (typeof code === 'number') return code;
  return code.catch((error: unknown) => {
    io.err(`paradox: ${(error as Error).message}\n`);
    return 1;
  });
}

export interface RunCliOptions {
  seed: number;
  out?: string;
  param: Record<string, unknown>;
  progress: boolean;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (a progress bar is drawn only there). */
  readonly interactive: boolean;
  /** Environment to read shard variables from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const defaultIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY),
};

function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`expected an integer seed, got "${value}"`);
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError(`seed out of range: ${value}`);
  return seed;
}

function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return Number(value);
}

function parseFormat(value: string): 'table' | 'csv' | 'json' {
  if (value !== 'table' && value !== 'csv' && value !== 'json') throw new InvalidArgumentError(`expected table, csv or json, got "${value}"`);
  return value;
}

function parseShardText(value: string): string {
  try {
    parseShard(value);
  } catch {
    throw new InvalidArgumentError(`expected i/n with 0 <= i < n, got "${value}"`);
  }
  return value;
}

function collectParams(pair: string, previous: Record<string, unknown>): Record<string, unknown> {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got "${pair}"`);
  const key = pair.slice(0, eq);
  const raw = pair.slice(eq + 1);
  let value: unknown = raw;
  if (raw === 'true' || raw === 'false') value = raw === 'true';
  else if (raw !== '' && !Number.isNaN(Number(raw))) value = Number(raw);
  return { ...previous, [key]: value };
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}
