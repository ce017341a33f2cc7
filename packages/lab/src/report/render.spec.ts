import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodyAttribute, chartMarkup, drawnCharts, renderedDom } from './__fixtures__/headless-chromium';
import { runToDirectory } from '../run/run-to-directory';
import { gossipDemo } from '../scenarios/gossip-demo';
import { writeSyntheticRun } from './__fixtures__/synthetic-run';
import { writeReport } from './write-report';

// Renders reports in headless Chromium (Debian: `apt-get install -y chromium`) and checks that
// every chart was drawn with data. Without Chromium this test fails: it does not skip.

describe('report in a browser', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'paradox-render-'));

  it('draws every chart of a gossip-demo run, with its data', () => {
    const dir = join(tmp, 'demo');
    runToDirectory(gossipDemo, { seed: 7, params: { agents: 200, horizonDays: 2 }, out: dir });
    const { path, charts } = writeReport(dir);
    const dom = renderedDom(path);
    expect(bodyAttribute(dom, 'data-charts')).toBe(String(charts));
    expect(bodyAttribute(dom, 'data-rendered')).toBe(String(charts));
    expect(dom).not.toContain('chart failed');
    expect(dom.match(/<svg[^>]*class="marks"/g)).toHaveLength(charts);
    const [reach, events] = drawnCharts(dom);
    expect(reach!.get('line')).toHaveLength(1);
    expect(reach!.get('line')![0]!.split('L').length).toBeGreaterThan(40); // 49 hourly samples of reach
    expect(events!.get('rect')!.length).toBeGreaterThan(5); // a bar per hour with events
  }, 60_000);

  it('draws grouped, downsampled series and many event types', () => {
    const dir = join(tmp, 'synthetic');
    writeSyntheticRun(dir);
    const { path, charts } = writeReport(dir);
    expect(charts).toBe(4);
    const dom = renderedDom(path);
    expect(bodyAttribute(dom, 'data-rendered')).toBe('4');
    expect(dom).not.toContain('chart failed');
    const drawn = drawnCharts(dom);
    // bad_debt, liquidations, price.{amm,nav,oracle}: one line per series
    expect(drawn.slice(0, 3).map((c) => c.get('line')?.length)).toEqual([1, 1, 3]);
    expect(drawn[3]!.get('rect')!.length).toBeGreaterThan(30 * 11); // 30 daily bars for most of 12 types
    // The single-sample AMM crash to 0.31 survives downsampling: price's axis reaches down to 0.3.
    expect(chartMarkup(dom)[2]).toMatch(/role-axis-label[\s\S]*?>0\.3</);
  }, 60_000);
});
