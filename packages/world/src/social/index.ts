export { SocialGraph } from './social-graph';
export { fromEdgeArrays, fromEdgeList } from './from-edge-list';
export { kOut } from './k-out';
export { erdosRenyi } from './erdos-renyi';
export { barabasiAlbert } from './barabasi-albert';
export { wattsStrogatz } from './watts-strogatz';
export { randomRegular } from './random-regular';
export type { RandomRegularOptions } from './random-regular';
export { independentCascade } from './independent-cascade';
export type { CascadeResult } from './independent-cascade';
export {
  degreeDistribution,
  degreeMoments,
  expectedFinalSize,
  expectedOutbreakSize,
  poissonDegreeDistribution,
  transmissibilityThreshold,
} from './branching';
export type { DegreeDistribution, DegreeMoments, FinalSize, FinalSizeOptions } from './branching';
