import { getHeapStatistics } from 'node:v8';
import { BUILD_HEAP_GROWING_PERCENT, HEAP_GROWING_PERCENT, SEMI_SPACE_MB, applyHeapPolicy, heapPolicyPhase, missingStartupFlags } from './heap-policy';

describe('the heap policy of processes that run scenarios', () => {
  it('leaves a growth percent the user chose, on the command line or in NODE_OPTIONS', () => {
    expect(applyHeapPolicy(['--heap-growing-percent=80'], '')).toBe(false);
    expect(applyHeapPolicy([], '--max-old-space-size=4096 --heap_growing_percent=10')).toBe(false);
  });

  it('applies its own otherwise, and the process goes on', () => {
    expect(applyHeapPolicy([], '--max-old-space-size=4096')).toBe(true);
    expect(getHeapStatistics().used_heap_size).toBeGreaterThan(0);
  });

  it('asks for a larger young generation at start-up, unless the user sized it', () => {
    expect(missingStartupFlags([], '')).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
    expect(missingStartupFlags(['--max-semi-space-size=8'], '')).toEqual([]);
    expect(missingStartupFlags([], '--max_semi_space_size=64')).toEqual([]);
  });

  it('grows the heap faster while a world is built, once it applied the policy in this thread', () => {
    jest.isolateModules(() => {
      // (a fresh module: a thread that never applied the policy, as an experiment's worker)
      const fresh = require('./heap-policy') as typeof import('./heap-policy');
      expect(fresh.heapPolicyPhase('build')).toBeUndefined();
    });
    expect(applyHeapPolicy([], '')).toBe(true);
    expect(heapPolicyPhase('build')).toBe(BUILD_HEAP_GROWING_PERCENT);
    expect(heapPolicyPhase('run')).toBe(HEAP_GROWING_PERCENT);
    expect(BUILD_HEAP_GROWING_PERCENT).toBeGreaterThan(HEAP_GROWING_PERCENT);
  });
});
