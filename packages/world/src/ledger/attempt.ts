import { Refusal, RevertError } from '../errors';
import type { Ledger } from './ledger';

/**
 * Runs `work` as one all-or-nothing step of the ledger. Returns its value if it went through,
 * or a Refusal (the one it returned, or one made from the RevertError it threw) once its ledger
 * changes are rolled back. Anything else it throws is a bug: rolled back and thrown on.
 */
export function attempt(ledger: Ledger, work: { execute(): unknown }): unknown {
  const mark = ledger.checkpoint();
  try {
    const value = work.execute();
    if (value instanceof Refusal) ledger.rollback(mark);
    else ledger.commit(mark);
    return value;
  } catch (error) {
    ledger.rollback(mark);
    if (error instanceof RevertError) return new Refusal(error.reason);
    throw error;
  }
}
