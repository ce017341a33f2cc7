import { ModelConfigError } from '../errors';
import { SocialGraph } from './social-graph';
import { checkProbability } from './validate';

/**
 * A degree distribution: entry k is the probability (or count, or weight) of degree k. Weights
 * need not sum to 1; they are normalised.
 */
export type DegreeDistribution = ArrayLike<number>;

/** First two moments of a degree distribution. */
export interface DegreeMoments {
  /** <k> */
  readonly mean: number;
  /** <k^2> */
  readonly meanSquare: number;
}

/** The empirical degree distribution of a graph: entry k is the fraction of nodes of degree k. */
export function degreeDistribution(graph: SocialGraph): Float64Array {
  const n = graph.nodeCount;
  const pk = new Float64Array(graph.maxDegree() + 1);
  for (let i = 0; i < n; i++) pk[graph.offsets[i + 1]! - graph.offsets[i]!]! += 1;
  if (n > 0) for (let k = 0; k < pk.length; k++) pk[k]! /= n;
  return pk;
}

/** Poisson(mean) truncated at `maxDegree` and renormalised: the large-n degree law of G(n, mean/(n-1)). */
export function poissonDegreeDistribution(mean: number, maxDegree = Math.ceil(mean + 12 * Math.sqrt(mean) + 20)): Float64Array {
  if (!(mean >= 0 && Number.isFinite(mean))) throw new ModelConfigError('mean', 'must be a finite number >= 0', mean);
  const pk = new Float64Array(maxDegree + 1);
  let term = Math.exp(-mean);
  let sum = 0;
  for (let k = 0; k <= maxDegree; k++) {
    pk[k] = term;
    sum += term;
    term *= mean / (k + 1);
  }
  for (let k = 0; k <= maxDegree; k++) pk[k]! /= sum;
  return pk;
}

/** <k> and <k^2> of a graph's degrees or of a distribution. */
export function degreeMoments(source: SocialGraph | DegreeDistribution): DegreeMoments {
  const pk = toDistribution(source);
  let mean = 0;
  let meanSquare = 0;
  for (let k = 1; k < pk.length; k++) {
    mean += k * pk[k]!;
    meanSquare += k * k * pk[k]!;
  }
  return { mean, meanSquare };
}

/**
 * The transmissibility threshold p_c = <k> / (<k^2> - <k>) = 1 / G1'(1) (Newman, "Spread of
 * epidemic disease on networks", Phys. Rev. E 66, 016128, 2002): above it a cascade from one
 * seed reaches a finite fraction of a large locally tree-like graph with positive probability.
 * Infinity when no degree exceeds 1 (no p can make one).
 */
export function transmissibilityThreshold(source: SocialGraph | DegreeDistribution): number {
  const { mean, meanSquare } = degreeMoments(source);
  const excess = meanSquare - mean;
  return excess > 0 ? mean / excess : Infinity;
}

/**
 * Mean number of nodes reached from one random seed below the threshold (Newman 2002):
 * <s> = 1 + p G0'(1) / (1 - p G1'(1)) = 1 + p <k> / (1 - p (<k^2> - <k>) / <k>).
 * Infinity at or above the threshold.
 */
export function expectedOutbreakSize(source: SocialGraph | DegreeDistribution, p: number): number {
  checkProbability('expectedOutbreakSize.p', p);
  const { mean, meanSquare } = degreeMoments(source);
  if (mean === 0) return 1;
  const r = (p * (meanSquare - mean)) / mean;
  return r < 1 ? 1 + (p * mean) / (1 - r) : Infinity;
}

/** Options for {@link expectedFinalSize}. */
export interface FinalSizeOptions {
  /** Stop when successive iterates of u differ by less than this (default 1e-13). */
  readonly tolerance?: number;
  /** Give up after this many iterations (default 1,000,000); `converged` then says false. */
  readonly maxIterations?: number;
}

/** The generating-function prediction of a large cascade. */
export interface FinalSize {
  /** S: expected fraction of nodes a large cascade reaches (also the chance one seed starts one). */
  readonly size: number;
  /** u: probability that following a random link does not lead into the large cascade. */
  readonly u: number;
  /** p_c for the same distribution. */
  readonly threshold: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Expected final size of a cascade with transmissibility p on a large random graph with the given
 * degree distribution (Newman 2002): with G0(x) = sum_k p_k x^k and
 * G1(x) = G0'(x) / G0'(1), solve u = G1(1 - p + p u) by fixed-point iteration from u = 0 (which
 * converges monotonically to the smallest root, the physical one), then S = 1 - G0(1 - p + p u).
 * At or below p_c, S = 0 (u = 1) without iterating.
 *
 * S assumes a locally tree-like graph (configuration model, ER, k-out); clustered graphs such as
 * Watts–Strogatz with small beta reach less.
 */
export function expectedFinalSize(
  source: SocialGraph | DegreeDistribution,
  p: number,
  options: FinalSizeOptions = {},
): FinalSize {
  checkProbability('expectedFinalSize.p', p);
  const tolerance = options.tolerance ?? 1e-13;
  const maxIterations = options.maxIterations ?? 1_000_000;
  if (!(tolerance > 0)) throw new ModelConfigError('expectedFinalSize.tolerance', 'must be > 0', tolerance);
  if (!(maxIterations >= 1)) throw new ModelConfigError('expectedFinalSize.maxIterations', 'must be >= 1', maxIterations);
  const pk = toDistribution(source);
  const { mean } = degreeMoments(pk);
  const threshold = transmissibilityThreshold(pk);
  if (!(p > threshold)) return { size: 0, u: 1, threshold, iterations: 0, converged: true };

  // g1(x) = sum_k k p_k x^(k-1) / <k>, by Horner.
  const g1 = (x: number): number => {
    let acc = 0;
    for (let k = pk.length - 1; k >= 1; k--) acc = acc * x + k * pk[k]!;
    return acc / mean;
  };
  let u = 0;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const next = g1(1 - p + p * u);
    iterations++;
    if (Math.abs(next - u) < tolerance) {
      u = next;
      converged = true;
      break;
    }
    u = next;
  }
  const x = 1 - p + p * u;
  let g0 = 0;
  for (let k = pk.length - 1; k >= 0; k--) g0 = g0 * x + pk[k]!;
  return { size: 1 - g0, u, threshold, iterations, converged };
}

function toDistribution(source: SocialGraph | DegreeDistribution): ArrayLike<number> {
  if (source instanceof SocialGraph) return degreeDistribution(source);
  let sum = 0;
  for (let k = 0; k < source.length; k++) {
    const w = source[k]!;
    if (!(w >= 0 && Number.isFinite(w))) {
      throw new ModelConfigError(`degreeDistribution[${k}]`, 'must be a finite weight >= 0', w);
    }
    sum += w;
  }
  if (!(sum > 0)) throw new ModelConfigError('degreeDistribution', 'must have a positive total weight', sum);
  if (Math.abs(sum - 1) < 1e-12) return source;
  const out = new Float64Array(source.length);
  for (let k = 0; k < source.length; k++) out[k] = source[k]! / sum;
  return out;
}
