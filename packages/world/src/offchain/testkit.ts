import type { UniformSource } from '../random';

/**
 * A small seeded UniformSource for this directory's tests and benches (SFC32, Chris Doty-Humphrey's
 * Small Fast Counting generator, passes PractRand; two 32-bit outputs per 53-bit double). The
 * engine supplies the real named streams; this exists so tests need no engine import.
 */
export function seededUniform(seed: number): UniformSource {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32();
  return {
    next(): number {
      const hi = next32() >>> 5; // 27 bits
      const lo = next32() >>> 6; // 26 bits
      return (hi * 67108864 + lo) / 9007199254740992;
    },
  };
}

/** A UniformSource replaying fixed values (cycling), for hand-checked scenarios. */
export function fixedUniform(values: readonly number[]): UniformSource {
  let i = 0;
  return {
    next(): number {
      const v = values[i % values.length];
      i++;
      if (v === undefined) throw new Error('fixedUniform: empty value list');
      return v;
    },
  };
}
