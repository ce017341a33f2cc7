import { Subject, bufferTime, debounceTime, delay, interval, take, throttleTime, timeout, timer } from 'rxjs';
import { Kernel } from '../kernel/kernel';
import { VirtualTimeScheduler } from './virtual-time-scheduler';
import { WallClockError } from '../kernel/errors';
import { DAY, HOUR } from '../time';

function setup() {
  const kernel = new Kernel();
  return { kernel, scheduler: new VirtualTimeScheduler(kernel) };
}

describe('virtual-time RxJS operators', () => {
  it('timer and interval fire at virtual times', () => {
    const { kernel, scheduler } = setup();
    const times: number[] = [];
    timer(DAY, scheduler).subscribe(() => times.push(kernel.now));
    interval(HOUR, scheduler).pipe(take(3)).subscribe(() => times.push(kernel.now));
    kernel.run();
    expect(times).toEqual([HOUR, 2 * HOUR, 3 * HOUR, DAY]);
  });

  it('a month of debouncing costs virtual time only', () => {
    const { kernel, scheduler } = setup();
    const input = new Subject<number>();
    const out: [number, number][] = [];
    input.pipe(debounceTime(30 * DAY, scheduler)).subscribe((v) => out.push([kernel.now, v]));
    kernel.scheduleAt(0, () => input.next(1), null);
    kernel.scheduleAt(DAY, () => input.next(2), null);
    kernel.scheduleAt(40 * DAY, () => input.next(3), null);
    kernel.run();
    expect(out).toEqual([
      [31 * DAY, 2],
      [70 * DAY, 3],
    ]);
  });

  it('delay, throttleTime and bufferTime use the virtual clock', () => {
    const { kernel, scheduler } = setup();
    const input = new Subject<number>();
    const delayed: number[] = [];
    const throttled: number[] = [];
    const buffers: number[][] = [];
    input.pipe(delay(500, scheduler)).subscribe(() => delayed.push(kernel.now));
    input.pipe(throttleTime(1000, scheduler)).subscribe((v) => throttled.push(v));
    const buffered = input.pipe(bufferTime(1000, null, Infinity, scheduler)).subscribe((b) => buffers.push(b));
    [0, 100, 900, 1500, 2100].forEach((t, i) => kernel.scheduleAt(t, () => input.next(i), null));
    kernel.scheduleAt(3001, () => buffered.unsubscribe(), null);
    kernel.run();
    expect(delayed).toEqual([500, 600, 1400, 2000, 2600]);
    expect(throttled).toEqual([0, 3]); // 2100 falls in the window opened at 1500
    expect(buffers).toEqual([[0, 1, 2], [3], [4]]);
  });

  it('timeout errors in virtual time', () => {
    const { kernel, scheduler } = setup();
    const errors: number[] = [];
    new Subject<number>().pipe(timeout({ each: 5000, scheduler })).subscribe({ error: () => errors.push(kernel.now) });
    kernel.run();
    expect(errors).toEqual([5000]);
  });

  it('unsubscribing cancels pending virtual work', () => {
    const { kernel, scheduler } = setup();
    const fired: number[] = [];
    const sub = timer(1000, scheduler).subscribe(() => fired.push(1));
    kernel.scheduleAt(500, () => sub.unsubscribe(), null);
    kernel.run();
    expect(fired).toEqual([]);
    expect(kernel.now).toBe(500);
  });
});

describe('wall-clock guard', () => {
  it('refuses the default async scheduler inside a run and names the agent', () => {
    const kernel = new Kernel();
    kernel.scheduleAt(10, () => {
      timer(1000).subscribe(); // no scheduler: RxJS would use the wall clock
    }, null, { owner: { id: 'holder-1', pluginId: 'rumor-sellers' }, label: 'a rumour' });
    const outcome = kernel.run();
    expect(outcome.reason).toBe('failed');
    const error = outcome.error as Error & { cause: unknown };
    expect(error.message).toMatch(/agent "holder-1" \(plugin "rumor-sellers"\)/);
    expect(error.cause).toBeInstanceOf(WallClockError);
  });

  it('reports a throwing subscriber synchronously, attributed to its owner', () => {
    const kernel = new Kernel();
    const scheduler = new VirtualTimeScheduler(kernel, { id: 'lp-2', pluginId: 'amm-lps' });
    timer(100, scheduler).subscribe(() => {
      throw new Error('bad math');
    });
    const outcome = kernel.run();
    expect(outcome.error?.message).toMatch(/agent "lp-2" \(plugin "amm-lps"\) failed at t=0d 00:00:00.100.*bad math/);
  });

  it('restores RxJS timers after the run', (done) => {
    const kernel = new Kernel();
    kernel.run();
    timer(1).subscribe(() => done());
  });
});
