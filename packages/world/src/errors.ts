/**
 * A transaction that the protocol refuses. Like an EVM revert it carries a reason, and the
 * state machine that threw it must have changed nothing.
 */
export class RevertError extends Error {
  constructor(readonly reason: string) {
    // A revert is an expected outcome (a bot that lost a race), not a bug: capturing a stack
    // trace for each of them cost more than the liquidation itself.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
    this.name = 'RevertError';
  }
}

/**
 * A revert returned by an action handler instead of thrown, where reverting is the common
 * outcome (five liquidators race for each position and four lose): V8 spends microseconds on
 * every throw building a message nobody reads. The chain and the world treat it exactly as a
 * thrown RevertError with the same reason. Immutable, so one instance per reason can be shared.
 */
export class Refusal {
  constructor(readonly reason: string) {}
}

/**
 * A model built with an invalid parameter. The message names the parameter path and what was
 * expected, e.g. `reserve[USDC].liquidationThreshold: must be >= ltv (0.8), got 0.75`.
 */
export class ModelConfigError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${path}: ${expected}, got ${formatGot(got)}`);
    this.name = 'ModelConfigError';
  }
}

function formatGot(got: unknown): string {
  if (typeof got === 'bigint') return `${got}n`;
  if (typeof got === 'string') return JSON.stringify(got);
  return String(got);
}
