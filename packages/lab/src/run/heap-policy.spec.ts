import { getHeapStatistics } from 'node:v8';
import { SEMI_SPACE_MB, applyHeapPolicy, missingStartupFlags } from './heap-policy';

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
});
