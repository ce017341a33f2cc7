import type { QueuePolicy } from './fund-types';

/**
 * Share `capacity` units among requests (in queue order). FIFO fills each request fully in
 * order and the last one partially. Pro-rata gives each floor(request * capacity / total) and
 * hands the leftover units (fewer than the number of requests) one each by largest fractional
 * remainder, ties to the earlier request, so the capacity is used exactly and no request gets
 * more than it asked for.
 */
export function allocate(requests: readonly bigint[], capacity: bigint, policy: QueuePolicy): bigint[] {
  const total = requests.reduce((s, r) => s + r, 0n);
  if (capacity <= 0n) return requests.map(() => 0n);
  if (capacity >= total) return requests.slice();
  if (policy === 'fifo') {
    let left = capacity;
    return requests.map((r) => {
      const take = r < left ? r : left;
      left -= take;
      return take;
    });
  }
  const fills = requests.map((r) => (r * capacity) / total);
  const remainders = requests.map((r, i) => ({ i, rem: (r * capacity) % total }));
  let dust = capacity - fills.reduce((s, f) => s + f, 0n);
  remainders.sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i, rem } of remainders) {
    if (dust === 0n || rem === 0n) break;
    fills[i] = (fills[i] as bigint) + 1n;
    dust -= 1n;
  }
  return fills;
}
