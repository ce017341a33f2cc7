import { MinMaxDownsampler, downsampleMinMax } from './downsample';

function range(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

describe('min/max downsampling', () => {
  it('keeps every point of a short series, non-finite values as gaps', () => {
    expect(downsampleMinMax([0, 1, 2], [5, NaN, 7], 10)).toEqual({ t: [0, 1, 2], v: [5, null, 7] });
  });

  it('cuts a long series to at most maxPoints, in time order, with its ends', () => {
    const t = range(100_000, (i) => i * 1000);
    const v = range(100_000, (i) => Math.sin(i / 500));
    const out = downsampleMinMax(t, v, 2000);
    expect(out.t.length).toBeLessThanOrEqual(2000);
    expect(out.t.length).toBeGreaterThan(1000); // 500 buckets; a monotone stretch needs only its two ends
    expect(out.t[0]).toBe(0);
    expect(out.t[out.t.length - 1]).toBe(99_999_000);
    for (let i = 1; i < out.t.length; i++) expect(out.t[i]!).toBeGreaterThan(out.t[i - 1]!);
    expect(Math.max(...(out.v as number[]))).toBeCloseTo(1, 6);
    expect(Math.min(...(out.v as number[]))).toBeCloseTo(-1, 6);
  });

  it('keeps a one-point crash and a one-point spike visible', () => {
    const v = range(50_000, () => 1);
    v[12_345] = 0.2;
    v[40_000] = 3;
    const out = downsampleMinMax(range(50_000, (i) => i), v, 400);
    expect(out.t.length).toBeLessThanOrEqual(400);
    expect(out.v).toContain(0.2);
    expect(out.v).toContain(3);
    expect(out.t[out.v.indexOf(0.2)]).toBe(12_345);
  });

  it('shows a stretch of missing values as a gap and still keeps within maxPoints', () => {
    const v = range(10_000, (i) => (i >= 5000 && i < 5100 ? NaN : i));
    const out = downsampleMinMax(range(10_000, (i) => i), v, 100);
    expect(out.t.length).toBeLessThanOrEqual(100);
    expect(out.v).toContain(null);
    expect(out.v).toContain(0);
    expect(out.v).toContain(9999);
  });

  it('handles every point at one time, and refuses maxPoints below 1', () => {
    const out = downsampleMinMax(range(100, () => 7), range(100, (i) => i % 10), 8);
    expect(out.t.length).toBeLessThanOrEqual(8);
    expect(out.v).toEqual(expect.arrayContaining([0, 9]));
    expect(() => new MinMaxDownsampler(0, 1, 10, 0)).toThrow(/maxPoints/);
  });
});
