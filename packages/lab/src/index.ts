export { runScenario } from './run/run-scenario';
export type { RunOptions, RunResult } from './run/run-scenario';
export { applyHeapPolicy, HEAP_GROWING_PERCENT, missingStartupFlags, SEMI_SPACE_MB } from './run/heap-policy';
export type { AgentPlacement, PopulationPlacement, RunContext, Scenario, ScenarioInstance } from './run/scenario';
export { FileSink } from './output/file-sink';
export { writeRunFiles, sha256, UNHASHED_FILES } from './output/write-run';
export type { Manifest } from './output/write-run';
export { canonicalJson } from './output/canonical-json';
export { BUILT_IN_SCENARIOS, EXPERIMENT_DIR, SCENARIO_DIR, findScenario } from './scenarios/catalog';
export { gossipDemo } from './scenarios/gossip-demo';
export { runToDirectory } from './run/run-to-directory';
export type { DirectoryRunOptions } from './run/run-to-directory';
export { writeParquet } from './output/parquet';
export { writeReport } from './report/write-report';
export type { ReportInfo, ReportOptions } from './report/write-report';
export { finishRunDirectory } from './report/finish-run-directory';
export { writeExperimentReport } from './report/write-experiment-report';
export type { ExperimentReportInfo, ExperimentReportOptions } from './report/write-experiment-report';
export type { FinishOptions, FinishResult } from './report/finish-run-directory';
export {
  parseExperiment,
  loadExperimentFile,
  expandExperiment,
  runExperiment,
  mergeExperiments,
  reproduceRun,
  queryExperiment,
  computeLeaderboard,
  formatLeaderboard,
  parseShard,
  shardFromEnvironment,
  replicationSeed,
  runId,
  RunStore,
  sweepCells,
} from './experiments';
export type {
  Entrant,
  Experiment,
  ExperimentOutcome,
  ExperimentProgress,
  ExperimentRunOptions,
  Leaderboard,
  MergeOutcome,
  QueryResult,
  ReproduceOutcome,
  ResultRow,
  RoleEntrant,
  RunPlan,
  RunSpec,
  Shard,
} from './experiments';
export { runInline } from './testing/inline-scenario';
export { buildRwaLendingWorld, RWA, USD, POOL, MARKET, NAV_FEED, SPOT_FEED, NAV_REPORTER } from './worlds/rwa-lending-world';
export type { RwaLendingWorld, RwaLendingWorldOptions, CollateralPricing } from './worlds/rwa-lending-world';
export { FUND, FUND_MANAGER, FUND_INVESTORS } from './worlds/rwa-lending-world';
export type { RwaFundOptions } from './worlds/rwa-lending-world';
export { cascadeBench } from './scenarios/cascade-bench';
export type { CascadeBenchParams } from './scenarios/cascade-bench';
export { loadScenarioFile, scenarioFromObject } from './scenario-files/build-scenario';
export type { FileParams } from './scenario-files/build-scenario';
export type { ScenarioFile } from './scenario-files/schema';
export { scenarioJsonSchema } from './scenario-files/json-schema';
export { CascadeMetrics } from './metrics/cascade-metrics';
export type { CascadeMetricsOptions } from './metrics/cascade-metrics';
