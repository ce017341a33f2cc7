export { DAY, MONTH, QUARTER, YEAR } from './time';
export { PPB, fromBase, toBase, toPpb } from './fixed-point';
export {
  conditionalPd,
  normalCdf,
  normalInv,
  normalPdf,
  normalSf,
  periodPd,
  standardNormal,
  vasicekCdf,
  vasicekPdf,
  vasicekQuantile,
} from './stats';
export type { NavSource } from './nav-source';
export { StaticNavSource } from './nav-source';
export { Fund } from './fund';
export { allocate } from './fund-allocation';
export type {
  DealingCycle,
  FundCashLedger,
  FundConfig,
  FundShareLedger,
  GateConfig,
  QueuePolicy,
  QueuedRequest,
  RedemptionFill,
  RemainderPolicy,
  SubscriptionFill,
  WindowResult,
  WindowSideStatus,
} from './fund-types';
export { LoanBook } from './loan-book';
export type {
  CreditShock,
  DpdBucket,
  LoanBookConfig,
  LoanBookStepReport,
  LoanBookSummary,
  LoanInput,
  LoanState,
  LoanView,
  WriteDownPolicy,
} from './loan-book-types';
export { Property } from './property';
export type { PropertyConfig, PropertyShock, TitleStatus } from './property';
export { TreasuryBill, discountRateOf } from './treasury-bill';
export type { BillQuote, DayCount, TreasuryBillConfig } from './treasury-bill';
export { CustodiedAsset, Custodian, CustodyRegistry } from './custodian';
export type {
  AttestationState,
  AttestationStatus,
  BreachRecord,
  CustodianConfig,
  Impairment,
  TitleRecord,
} from './custodian';
