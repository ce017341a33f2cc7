import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingStartupFlags } from '@paradox/lab';

// V8 reads the young generation's size only at start-up, so `paradox` carries the start-up
// flags of lab's heap policy on its `#!` line, and the root script that runs it passes them too.
describe("the paradox command starts with the heap policy's start-up flags", () => {
  const flags = missingStartupFlags([], '');

  it('on its #! line', () => {
    const shebang = readFileSync(join(__dirname, 'bin.ts'), 'utf8').split('\n')[0]!;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${flags.join(' ')}`);
  });

  it('in the root `pnpm paradox` script', () => {
    const root = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(root.scripts['paradox']).toContain(`node ${flags.join(' ')} packages/cli/dist/bin.js`);
  });
});
