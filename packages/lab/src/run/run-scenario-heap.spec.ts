import { runScenario } from './run-scenario';
import type { Scenario } from './scenario';

// runScenario tells the heap policy when a world is being built and when it runs (the policy
// grows the heap faster while building): the policy is replaced here by a log of its phases.
const mockPhases: string[] = [];
jest.mock('./heap-policy', () => ({
  heapPolicyPhase: (phase: string) => {
    mockPhases.push(phase);
    return undefined;
  },
}));

const quiet: Scenario<Record<string, never>> = {
  name: 'quiet',
  description: 'nothing happens',
  plugins: [],
  parseParams: () => ({}),
  horizonMs: () => 1_000,
  build(run) {
    mockPhases.push('building');
    run.kernel.scheduleAt(500, () => mockPhases.push('running'), null);
    return { summary: () => ({}) };
  },
};

describe('the heap policy around a run', () => {
  beforeEach(() => {
    mockPhases.length = 0;
  });

  it('hears that the world is being built, then that it runs', () => {
    runScenario(quiet, { seed: 1 });
    expect(mockPhases).toEqual(['build', 'building', 'run', 'running']);
  });

  it('hears that it runs even when the build fails', () => {
    const broken: Scenario<Record<string, never>> = {
      ...quiet,
      build: () => {
        throw new Error('no world');
      },
    };
    expect(() => runScenario(broken, { seed: 1 })).toThrow('no world');
    expect(mockPhases).toEqual(['build', 'run']);
  });
});
