import type { AgentContext } from '@paradox/sdk';

/**
 * Coalesces a burst of reasons to look (trades, fund windows, index flows in one block) into a
 * single look at the end of the instant, when every event of the block has been seen.
 */
export class LookOnce {
  private queued = false;

  constructor(private readonly label: string) {}

  /** Runs `look` at the end of this instant; asking again before then adds nothing. */
  ask(ctx: AgentContext, look: () => void): void {
    if (this.queued) return;
    this.queued = true;
    ctx.atEndOfInstant(() => {
      this.queued = false;
      look();
    }, this.label);
  }
}
