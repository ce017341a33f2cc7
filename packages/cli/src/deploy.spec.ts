import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// Worker pools and child processes are slow on a busy machine.
jest.setTimeout(30_000);

// The shipped Slurm script and Kubernetes manifests, run for real on this machine with the
// environment the batch systems would give them (the compiled CLI: `pnpm build` first).
const root = join(__dirname, '..', '..', '..');
const EXPERIMENT = 'scenario: gossip-demo\nseed: 3\nparams: { agents: 200, horizonDays: 1 }\nsweep: { friends: [3, 6] }\nreplications: 2\n';

// The unsharded reference runs the same compiled CLI as the shards.
function unsharded(file: string, out: string): string {
  execFileSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'experiment', 'run', file, '--out', out, '--workers', '1', '--no-progress'], { env: { PATH: process.env['PATH']! }, stdio: 'pipe' });
  return readFileSync(join(out, 'results.csv'), 'utf8');
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'paradox-deploy-'));
  const file = join(dir, 'experiment.yaml');
  writeFileSync(file, EXPERIMENT);
  return { dir, file };
}

const sh = (script: string, env: Record<string, string>) =>
  execFileSync('sh', ['-c', script], { cwd: root, env: { PATH: process.env['PATH']!, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('deploy/slurm/paradox-array.sbatch', () => {
  it('runs each array task as its shard, and the documented merge gives the unsharded results', () => {
    const { dir, file } = setup();
    const out = join(dir, 'out');
    for (const task of ['10', '11']) {
      const log = execFileSync('bash', [join(root, 'deploy/slurm/paradox-array.sbatch'), file, out], {
        cwd: dir,
        env: { PATH: process.env['PATH']!, SLURM_ARRAY_TASK_ID: task, SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_COUNT: '2', SLURM_CPUS_PER_TASK: '1', SLURM_SUBMIT_DIR: root },
        encoding: 'utf8',
      });
      expect(log).toMatch(new RegExp(`\\(shard ${Number(task) - 10}/2\\): 2 runs: 2 ran`));
    }
    const script = readFileSync(join(root, 'deploy/slurm/paradox-array.sbatch'), 'utf8');
    const merge = /--wrap "(.+)"/.exec(script)![1]!.replace(/OUT/g, out);
    sh(merge, {});
    expect(readFileSync(join(out, 'merged', 'results.csv'), 'utf8')).toBe(unsharded(file, join(dir, 'whole')));
  }, 30_000);

  it('refuses to run outside an array job', () => {
    const { file } = setup();
    expect(() => execFileSync('bash', [join(root, 'deploy/slurm/paradox-array.sbatch'), file, 'out'], { env: { PATH: process.env['PATH']! }, stdio: 'pipe' })).toThrow(
      /submit this script as an array job/,
    );
  });
});

describe('deploy/k8s', () => {
  const docs = parseAllDocuments(readFileSync(join(root, 'deploy/k8s/paradox-job.yaml'), 'utf8')).map((d) => d.toJS());
  const job = docs.find((d) => d.kind === 'Job');
  const container = job.spec.template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value])) as Record<string, string>;
  const mergeJob = parseAllDocuments(readFileSync(join(root, 'deploy/k8s/paradox-merge-job.yaml'), 'utf8'))[0]!.toJS();

  it('is an indexed Job whose shard count matches its completions, on a shared volume', () => {
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: Number(env['PARADOX_SHARDS']), parallelism: Number(env['PARADOX_SHARDS']) });
    expect(docs.find((d) => d.kind === 'PersistentVolumeClaim').spec.accessModes).toEqual(['ReadWriteMany']);
    expect(mergeJob.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe('paradox-results');
  });

  it("runs the container's command per completion index, and the merge Job's command merges them", () => {
    const { dir, file } = setup();
    const results = join(dir, 'results');
    const paths = (cmd: string) => cmd.replace('/experiment/experiment.yaml', file).replace(/\/results/g, results);
    // Two completions instead of the manifest's eight, to keep the test short.
    for (const index of ['0', '1']) {
      const log = sh(paths(container.args[0]), { ...env, PARADOX_SHARDS: '2', JOB_COMPLETION_INDEX: index });
      expect(log).toMatch(new RegExp(`\\(shard ${index}/2\\): 2 runs: 2 ran`));
    }
    sh(paths(mergeJob.spec.template.spec.containers[0].args[0]), {});
    expect(readFileSync(join(results, 'merged', 'results.csv'), 'utf8')).toBe(unsharded(file, join(dir, 'whole')));
  }, 30_000);
});
