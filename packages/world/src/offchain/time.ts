/**
 * Calendar constants for off-chain models. Time is integer milliseconds since scenario start;
 * there is no calendar, so a month is defined as 1/12 of a 365-day year (30.41666 days), which
 * keeps MONTH and QUARTER integer milliseconds and makes 12 months exactly one YEAR.
 */
export const DAY = 86_400_000;
/** 365 days: the year used for annual rates, PDs and fee accruals. */
export const YEAR = 365 * DAY;
/** YEAR / 12 = 2_628_000_000 ms. */
export const MONTH = YEAR / 12;
/** YEAR / 4. */
export const QUARTER = YEAR / 4;
