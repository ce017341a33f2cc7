import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runCommand } from './commands/run';
import { pluginsListCommand } from './commands/plugins';
import { scenariosListCommand } from './commands/scenarios';

/** Parses argv and runs a command; returns the exit code (never calls process.exit itself). */
export function main(argv: string[], io: CliIo = defaultIo): number {
  const program = new Command()
    .name('paradox')
    .description('Agent-based simulator of the RWA liquidity paradox')
    .version(readVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');

  let code = 0;
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

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    io.err(`paradox: ${(error as Error).message}\n`);
    return 1;
  }
  return code;
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
