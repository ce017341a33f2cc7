import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { registerBuildReference, scaffoldPlugin } from './commands/new-plugin';
import { main, type CliIo } from './main';
import { STANDALONE_DEV_DEPENDENCIES } from './templates';

// `paradox new plugin`: the scaffold must build and pass its own spec where researchers put it.
// The workspace case scaffolds into the real checkout's plugins/ (removed afterwards), links the
// SDK the way `pnpm install` would, compiles the package with tsc and runs its spec with Jest in
// a child process. The standalone case is compiled against the checkout; its full
// `pnpm install && pnpm build && pnpm test` runs with PARADOX_TEST_STANDALONE=1 (it needs pnpm
// and a pnpm store holding jest, swc and typescript, as there is after `pnpm install` here).
jest.setTimeout(240_000);

const root = resolve(__dirname, '..', '..', '..');
const tool = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), interactive: false };
  const code = await main(argv, io);
  return { code, out, err };
}

/** What `pnpm install` does for a package that depends on `name`: a symlink in its node_modules. */
function linkPackage(packageDir: string, name: string, target: string): void {
  const at = join(packageDir, 'node_modules', ...name.split('/'));
  mkdirSync(join(at, '..'), { recursive: true });
  symlinkSync(target, at, 'dir');
}

function tsc(args: string[]): void {
  execFileSync(process.execPath, [tool('typescript', 'bin/tsc'), ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
}

const nonRelativeImports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!).filter((s) => !s.startsWith('./'));

/** A directory that looks like a Paradox checkout to the scaffold: a workspace with packages/sdk and a tsconfig.build.json. */
function fakeCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paradox-checkout-'));
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - plugins/*\n');
  mkdirSync(join(dir, 'packages', 'sdk'), { recursive: true });
  writeFileSync(join(dir, 'packages', 'sdk', 'package.json'), '{ "name": "@paradox/sdk" }\n');
  mkdirSync(join(dir, 'plugins', 'gossip'), { recursive: true });
  writeFileSync(join(dir, 'plugins', 'gossip', 'package.json'), '{ "name": "@paradox-plugins/gossip" }\n');
  writeFileSync(join(dir, 'tsconfig.build.json'), readFileSync(join(root, 'tsconfig.build.json')));
  return dir;
}

/** Scaffolds left in plugins/ by a test process that was killed before its cleanup. */
function removeStaleScaffolds(): void {
  for (const entry of readdirSync(join(root, 'plugins'))) {
    const pid = /^scaffold-test-(\d+)-[0-9a-f]{6}$/.exec(entry)?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    rmSync(join(root, 'plugins', entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('paradox new plugin, in the checkout', () => {
  const name = `scaffold-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  const dir = join(root, 'plugins', name);
  beforeAll(removeStaleScaffolds);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a workspace package that compiles with tsc and passes its own spec under Jest', async () => {
    const buildConfig = readFileSync(join(root, 'tsconfig.build.json'), 'utf8');
    const { code, out, err } = await cli(['new', 'plugin', name, '--dir', dir, '--no-register']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`created plugin "${name}" (@paradox-plugins/${name}, a workspace package)`);
    expect(out).toContain(`pnpm install && pnpm build && pnpm exec jest plugins/${name}`);
    expect(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')).toBe(buildConfig); // --no-register: the shared file is untouched

    expect(readdirSync(dir).sort()).toEqual(['README.md', 'package.json', 'src', 'tsconfig.json']);
    expect(readdirSync(join(dir, 'src')).sort()).toEqual(['dip-buyer.spec.ts', 'dip-buyer.ts', 'index.ts']);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: `@paradox-plugins/${name}`, main: 'dist/index.js', types: 'dist/index.d.ts' });
    expect(manifest.dependencies).toEqual({ '@paradox/sdk': 'workspace:*' });
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'))).toMatchObject({ extends: '../../tsconfig.base.json', references: [{ path: '../../packages/sdk' }] });
    // Outside its spec a plugin imports only the SDK: the house rule that keeps tournaments fair.
    for (const file of ['index.ts', 'dip-buyer.ts']) expect(nonRelativeImports(join(dir, 'src', file))).toEqual(['@paradox/sdk']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(`pnpm exec jest plugins/${name}`);

    linkPackage(dir, '@paradox/sdk', join(root, 'packages', 'sdk'));
    tsc(['-b', dir]);
    const emitted = readdirSync(join(dir, 'dist')).filter((f) => /\.(js|d\.ts)$/.test(f)).sort();
    expect(emitted).toEqual(['dip-buyer.d.ts', 'dip-buyer.js', 'index.d.ts', 'index.js']);
    expect(readFileSync(join(dir, 'dist', 'index.js'), 'utf8')).toContain(`id: '${name}'`);

    const run = spawnSync(process.execPath, [tool('jest', 'bin/jest.js'), '--ci', '--colors=false', `plugins/${name}/`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
      timeout: 180_000,
    });
    const report = `${run.stdout}\n${run.stderr}`;
    expect({ status: run.status, report }).toMatchObject({ status: 0 });
    expect(report).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(report).toContain('buys once the pool trades at a discount to the oracle');
  });
});

describe('paradox new plugin, registration and defaults', () => {
  it('puts a plugin under plugins/NAME of the checkout it runs in, and adds one line to tsconfig.build.json', () => {
    const checkout = fakeCheckout();
    const before = readFileSync(join(checkout, 'tsconfig.build.json'), 'utf8').split('\n');
    const result = scaffoldPlugin('patient-liquidators', { cwd: join(checkout, 'packages') });
    expect(result).toMatchObject({ dir: join(checkout, 'plugins', 'patient-liquidators'), mode: 'workspace', registered: true, root: checkout });
    const after = readFileSync(join(checkout, 'tsconfig.build.json'), 'utf8').split('\n');
    const added = after.filter((line) => !before.includes(line));
    expect(added).toEqual(['    { "path": "plugins/patient-liquidators" },']);
    expect(after.length).toBe(before.length + 1);
    expect(JSON.parse(after.join('\n')).references).toContainEqual({ path: 'plugins/patient-liquidators' });
    // After the last plugin, so the plugins stay together.
    const lastPlugin = after.map((l) => l.includes('"plugins/')).lastIndexOf(true);
    expect(after[lastPlugin]).toContain('plugins/patient-liquidators');
    expect(registerBuildReference(checkout, 'plugins/patient-liquidators')).toBe(false);
  });

  it('writes a standalone package elsewhere, linked to this checkout, that compiles on its own settings', () => {
    const place = mkdtempSync(join(tmpdir(), 'paradox-standalone-'));
    const result = scaffoldPlugin('rate-watchers', { cwd: place });
    expect(result).toMatchObject({ dir: join(place, 'rate-watchers'), mode: 'standalone', registered: false, root });
    const dir = result.dir;
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'jest.config.js', 'package.json', 'src', 'tsconfig.json']);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('paradox-plugin-rate-watchers');
    expect(Object.keys(manifest.dependencies)).toEqual(['@paradox/sdk']);
    const linked = (spec: string) => resolve(dir, spec.replace(/^link:/, ''));
    expect(linked(manifest.dependencies['@paradox/sdk'])).toBe(join(root, 'packages', 'sdk'));
    expect(linked(manifest.devDependencies['@paradox/lab'])).toBe(join(root, 'packages', 'lab'));
    // Its tools are the versions this checkout builds and tests with.
    const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies;
    for (const [tool, version] of Object.entries(STANDALONE_DEV_DEPENDENCIES)) expect([tool, version]).toEqual([tool, ours[tool]]);
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).extends).toBeUndefined();
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('pnpm install && pnpm build');

    if (process.env['PARADOX_TEST_STANDALONE'] === '1') {
      for (const args of [['install', '--offline'], ['build'], ['test']]) execFileSync('pnpm', args, { cwd: dir, stdio: 'pipe', timeout: 180_000 });
    } else {
      linkPackage(dir, '@paradox/sdk', join(root, 'packages', 'sdk'));
      linkPackage(dir, '@types/node', join(root, 'node_modules', '@types', 'node'));
      tsc(['-p', join(dir, 'tsconfig.json')]);
    }
    expect(existsSync(join(dir, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'dip-buyer.spec.js'))).toBe(false);
    rmSync(place, { recursive: true, force: true });
  });
});

describe('paradox new plugin refuses', () => {
  it.each([
    ['Bad_Name', /invalid plugin name "Bad_Name": it has uppercase letters; it has characters other than a-z, 0-9 and "-": "_"\. A plugin name is lowercase/],
    ['9lives', /invalid plugin name "9lives": it does not start with a letter/],
    ['two--dashes', /invalid plugin name "two--dashes": a dash must sit between two words/],
    ['trailing-', /invalid plugin name "trailing-": a dash must sit between two words/],
    ['@scope/name', /invalid plugin name "@scope\/name": it has characters other than a-z, 0-9 and "-": "@" "\/"/],
    ['', /invalid plugin name "": it is empty/],
    ['x'.repeat(65), /it is longer than 64 characters/],
  ])('the name %j, with a message that says why', async (name, message) => {
    const place = mkdtempSync(join(tmpdir(), 'paradox-refused-'));
    const { code, err, out } = await cli(['new', 'plugin', name, '--dir', join(place, 'pkg')]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(existsSync(join(place, 'pkg'))).toBe(false);
  });

  it('an existing directory, a file in the way, and a package name the checkout already has', async () => {
    const gossip = join(root, 'plugins', 'gossip');
    const listing = readdirSync(gossip).sort();
    const existing = await cli(['new', 'plugin', 'fresh-name', '--dir', gossip]);
    expect(existing.code).toBe(1);
    expect(existing.err).toMatch(/cannot scaffold into .*plugins\/gossip: the directory already exists and is not empty \(choose another name, or another place with --dir\)/);
    expect(readdirSync(gossip).sort()).toEqual(listing);

    const place = mkdtempSync(join(tmpdir(), 'paradox-refused-'));
    writeFileSync(join(place, 'taken'), 'a file');
    const file = await cli(['new', 'plugin', 'taken', '--dir', join(place, 'taken')]);
    expect(file.err).toMatch(/cannot scaffold into .*taken: it exists and is not a directory/);

    const checkout = fakeCheckout();
    expect(() => scaffoldPlugin('gossip', { cwd: checkout, dir: 'plugins/gossip-two' })).toThrow(
      /the checkout already has a package named @paradox-plugins\/gossip \(in plugins\/gossip\): choose another name/,
    );
    expect(existsSync(join(checkout, 'plugins', 'gossip-two'))).toBe(false);
    // An empty directory is fine (like `git clone`).
    mkdirSync(join(place, 'empty'));
    expect(scaffoldPlugin('empty', { dir: join(place, 'empty'), cwd: place }).files).toContain('src/index.ts');
  });

  it('has --help', async () => {
    const { code, out } = await cli(['new', 'plugin', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: paradox new plugin \[options\] <name>/);
    expect(out).toMatch(/--dir <dir>/);
  });
});
