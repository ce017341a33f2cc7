import { HangBeacon, monotonicMs } from './decision-budget';
import { watchForHang } from './hang-watch';

// The watcher on its own (the threads are in role-entrants.spec.ts): the beacon is written here
// as a run's thread would write it.
describe('watchForHang', () => {
  it('reports a decision that does not end within the limit, naming it', async () => {
    const beacon = new HangBeacon();
    beacon.enter('agent "bot-0" (plugin "x") failed at t=0d 00:00:01.000 while handling start', monotonicMs());
    const hang = await watchForHang(beacon, 20);
    expect(hang?.description).toBe('agent "bot-0" (plugin "x") failed at t=0d 00:00:01.000 while handling start');
    expect(hang!.elapsedMs).toBeGreaterThan(20);
  });

  it('follows decisions that end in time, and stops when the run closes the beacon', async () => {
    const beacon = new HangBeacon(new SharedArrayBuffer(512));
    const watched = watchForHang(beacon, 60_000);
    for (let i = 0; i < 3; i++) {
      beacon.enter(`decision ${i}`, monotonicMs());
      await new Promise((resolve) => setImmediate(resolve));
      beacon.leave();
      await new Promise((resolve) => setImmediate(resolve));
    }
    beacon.close();
    await expect(watched).resolves.toBeUndefined();
  });
});
