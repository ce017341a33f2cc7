import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Scenario pages show a plot from a real run (made by scripts/docs-plots.mjs); check each
// referenced image is there and has data in it.
describe('docs/scenarios pages', () => {
  const dir = join(__dirname, 'scenarios');
  for (const page of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    it(`${page} shows plots that exist and have lines`, () => {
      const images = [...readFileSync(join(dir, page), 'utf8').matchAll(/!\[[^\]]*\]\((img\/[^)]+\.svg)\)/g)].map((m) => m[1]!);
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        const path = join(dir, image);
        expect(existsSync(path)).toBe(true);
        expect((readFileSync(path, 'utf8').match(/<path /g) ?? []).length).toBeGreaterThan(3);
      }
    });
  }
});
