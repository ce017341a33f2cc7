import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MemorySink } from '@paradox/engine';
import { loadScenarioFile, runScenario } from '@paradox/lab';

export default function example(): void {
  const scenario = loadScenarioFile(join(__dirname, 'my-scenario.yaml'));
  const run = (haircut: number) => runScenario(scenario, { seed: 3, params: { haircut }, sink: new MemorySink() }).summary;

  const tenPercent = run(0.1);
  assert.equal(tenPercent['first_news_day'], 6);
  assert.ok((tenPercent['rumor_reach'] as number) > 0.5, 'the rumour spreads on a supercritical graph');
  assert.ok((tenPercent['max_discount_to_oracle'] as number) > 0.05, 'the market falls below the oracle');

  // A deeper haircut prices collateral lower, so the weekly NAV reports trigger at least as many liquidations.
  const twentyPercent = run(0.2);
  assert.ok((twentyPercent['liquidation_count'] as number) >= (tenPercent['liquidation_count'] as number));

  // Params outside the file are refused with a message naming them.
  assert.throws(() => scenario.parseParams({ hair: 0.2 }), /params\.hair: unknown param \(this scenario has: holders, haircut\)/);
}
