import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { CliIo } from '../main';
import { pluginTemplateFiles, type PluginTemplateSpec } from '../templates';

export interface NewPluginCliOptions {
  /** Directory of the new package (default: `plugins/NAME` in a Paradox checkout, else `./NAME`). */
  dir?: string;
  /** Add the package to the checkout's tsconfig.build.json (default true; `--no-register`). */
  register: boolean;
}

export interface ScaffoldOptions {
  dir?: string;
  register?: boolean;
  /** Where relative paths start (default: the process's working directory). */
  cwd?: string;
  /** The Paradox checkout a standalone package links to (default: the one this CLI runs from). */
  paradoxRoot?: string;
}

export interface ScaffoldResult {
  /** Absolute directory of the new package. */
  readonly dir: string;
  readonly mode: PluginTemplateSpec['mode'];
  readonly packageName: string;
  /** Files written, relative to `dir`. */
  readonly files: readonly string[];
  /** The checkout the package belongs to (workspace) or links to (standalone), if any. */
  readonly root?: string;
  /** Whether tsconfig.build.json got a reference to the package. */
  readonly registered: boolean;
}

const NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 64;

/**
 * Why `name` cannot be a plugin name, or undefined if it can. A plugin name is the plugin id
 * scenarios use and the last part of its package name, so it is held to both rules: lowercase
 * words of letters and digits joined by single dashes, starting with a letter.
 */
export function pluginNameProblem(name: string): string | undefined {
  if (NAME_PATTERN.test(name) && name.length <= MAX_NAME_LENGTH) return undefined;
  const reasons: string[] = [];
  if (name.length === 0) reasons.push('it is empty');
  if (name.length > MAX_NAME_LENGTH) reasons.push(`it is longer than ${MAX_NAME_LENGTH} characters`);
  if (/[A-Z]/.test(name)) reasons.push('it has uppercase letters');
  const others = [...new Set(name.replace(/[a-zA-Z0-9-]/g, ''))];
  if (others.length > 0) reasons.push(`it has characters other than a-z, 0-9 and "-": ${others.map((c) => JSON.stringify(c)).join(' ')}`);
  if (name.length > 0 && !/^[a-zA-Z]/.test(name)) reasons.push('it does not start with a letter');
  if (/--|-$/.test(name)) reasons.push('a dash must sit between two words');
  return (
    `invalid plugin name ${JSON.stringify(name)}: ${reasons.join('; ') || 'not a valid name'}. ` +
    'A plugin name is lowercase letters and digits in words joined by single dashes, starting with a letter ' +
    '(e.g. "patient-liquidators"); scenarios name the plugin by it.'
  );
}

/** The Paradox checkout containing `from` (a directory with pnpm-workspace.yaml and packages/sdk), if any. */
export function findParadoxRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (isParadoxRoot(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function isParadoxRoot(dir: string): boolean {
  const sdk = join(dir, 'packages', 'sdk', 'package.json');
  if (!existsSync(join(dir, 'pnpm-workspace.yaml')) || !existsSync(sdk)) return false;
  try {
    return (JSON.parse(readFileSync(sdk, 'utf8')) as { name?: string }).name === '@paradox/sdk';
  } catch {
    return false;
  }
}

/**
 * Writes a plugin package: package.json, tsconfig.json, README.md, src/index.ts (definePlugin),
 * one agent kind with a zod config and a behaviour, and a spec that runs it in a small world.
 * In a Paradox checkout's `plugins/` it is a workspace package (and is added to
 * tsconfig.build.json unless `register: false`); anywhere else a standalone package that links
 * the SDK and the lab of a checkout. Refuses bad names and non-empty directories before writing.
 */
export function scaffoldPlugin(name: string, options: ScaffoldOptions = {}): ScaffoldResult {
  const problem = pluginNameProblem(name);
  if (problem) throw new Error(problem);
  const cwd = resolve(options.cwd ?? process.cwd());
  const here = findParadoxRoot(cwd);
  const dir = options.dir !== undefined ? resolve(cwd, options.dir) : here ? join(here, 'plugins', name) : join(cwd, name);
  const display = relative(cwd, dir) || '.';
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`cannot scaffold into ${display}: it exists and is not a directory`);
    if (readdirSync(dir).length > 0) {
      throw new Error(`cannot scaffold into ${display}: the directory already exists and is not empty (choose another name, or another place with --dir)`);
    }
  }
  const workspace = findParadoxRoot(dirname(dir));
  const inWorkspace = workspace !== undefined && resolve(dirname(dir)) === join(workspace, 'plugins');
  let spec: PluginTemplateSpec;
  let root: string | undefined;
  if (inWorkspace) {
    root = workspace;
    const packageName = `@paradox-plugins/${name}`;
    const clash = workspacePackageDir(workspace, packageName);
    if (clash) throw new Error(`the checkout already has a package named ${packageName} (in ${relative(cwd, clash) || '.'}): choose another name`);
    spec = { id: name, packageName, mode: 'workspace', sdk: 'workspace:*', lab: 'workspace:*', displayDir: toPosix(relative(workspace, dir)) };
  } else {
    root = options.paradoxRoot ? resolve(cwd, options.paradoxRoot) : findParadoxRoot(__dirname);
    const link = (pkg: string) => (root ? `link:${linkPath(dir, join(root, 'packages', pkg))}` : '^0.1.0');
    spec = { id: name, packageName: `paradox-plugin-${name}`, mode: 'standalone', sdk: link('sdk'), lab: link('lab'), displayDir: toPosix(display) };
  }

  const files = pluginTemplateFiles(spec);
  mkdirSync(join(dir, 'src'), { recursive: true });
  for (const [path, contents] of files) writeFileSync(join(dir, ...path.split('/')), contents, { flag: 'wx' });
  const registered = inWorkspace && (options.register ?? true) ? registerBuildReference(workspace!, toPosix(relative(workspace!, dir))) : false;
  return { dir, mode: spec.mode, packageName: spec.packageName, files: files.map(([p]) => p), registered, ...(root ? { root } : {}) };
}

/** The directory of the workspace plugin whose package.json has `name`, if any. */
function workspacePackageDir(root: string, name: string): string | undefined {
  const plugins = join(root, 'plugins');
  if (!existsSync(plugins)) return undefined;
  for (const entry of readdirSync(plugins)) {
    const manifest = join(plugins, entry, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return join(plugins, entry);
    } catch {
      // An unreadable package.json is the workspace's problem, not this package's.
    }
  }
  return undefined;
}

/**
 * Adds `{ "path": "<path>" }` to the references of the checkout's tsconfig.build.json, after its
 * last plugin, as a one-line insertion that leaves the rest of the file as it was. Returns false
 * if it was there already.
 */
export function registerBuildReference(root: string, path: string): boolean {
  const file = join(root, 'tsconfig.build.json');
  const text = readFileSync(file, 'utf8');
  const parsed = JSON.parse(text) as { references?: { path: string }[] };
  if ((parsed.references ?? []).some((r) => r.path.replace(/\/$/, '') === path)) return false;
  const lines = text.split('\n');
  const last = lines.map((l, i) => (/^\s*\{\s*"path"\s*:\s*"plugins\/[^"]*"\s*\}\s*,?\s*$/.test(l) ? i : -1)).filter((i) => i >= 0).pop();
  let updated: string;
  if (last !== undefined) {
    const line = lines[last]!;
    const indent = /^\s*/.exec(line)![0];
    const hasComma = /,\s*$/.test(line);
    const entry = `${indent}{ "path": ${JSON.stringify(path)} }${hasComma ? ',' : ''}`;
    if (!hasComma) lines[last] = `${line.replace(/\s*$/, '')},`;
    lines.splice(last + 1, 0, entry);
    updated = lines.join('\n');
  } else {
    updated = JSON.stringify({ ...parsed, references: [...(parsed.references ?? []), { path }] }, null, 2) + '\n';
  }
  const check = JSON.parse(updated) as { references?: { path: string }[] };
  if (!(check.references ?? []).some((r) => r.path === path)) throw new Error(`could not add ${path} to ${file}`);
  writeFileSync(file, updated);
  return true;
}

/** `paradox new plugin NAME [--dir DIR] [--no-register]`. */
export function newPluginCommand(name: string, options: NewPluginCliOptions, io: CliIo, cwd = process.cwd()): number {
  const result = scaffoldPlugin(name, { ...(options.dir === undefined ? {} : { dir: options.dir }), register: options.register, cwd });
  const shown = relative(cwd, result.dir) || '.';
  io.out(`created plugin "${name}" (${result.packageName}, ${result.mode === 'workspace' ? 'a workspace package' : 'a standalone package'}) in ${shown}:\n`);
  for (const file of result.files) io.out(`  ${file}\n`);
  if (result.mode === 'workspace') {
    const root = result.root!;
    const fromRoot = toPosix(relative(root, result.dir));
    if (result.registered) io.out('added it to tsconfig.build.json, so `pnpm build` compiles it\n');
    else if (options.register) io.out('tsconfig.build.json already references it\n');
    else io.out(`not added to tsconfig.build.json (--no-register): build it with \`pnpm exec tsc -b ${fromRoot}\`\n`);
    const cd = resolve(cwd) === root ? '' : `cd ${relative(cwd, root) || '.'} && `;
    io.out(`next:\n  ${cd}pnpm install && pnpm build && pnpm exec jest ${fromRoot}\n`);
  } else {
    io.out(
      result.root
        ? `it links @paradox/sdk and @paradox/lab from the Paradox checkout in ${relative(result.dir, result.root) || '.'} (build that checkout first: pnpm install && pnpm build)\n`
        : 'no Paradox checkout found to link: set the @paradox/sdk and @paradox/lab versions in package.json\n',
    );
    io.out(`next:\n  cd ${shown} && pnpm install && pnpm build && pnpm test\n`);
  }
  return 0;
}

/** `to` relative to `from` when they share a directory below the filesystem root, else absolute. */
function linkPath(from: string, to: string): string {
  const rel = relative(from, to);
  const first = (p: string) => resolve(p).split(sep)[1];
  return toPosix(first(from) === first(to) ? rel : resolve(to));
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
