import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Docs show code that a test runs. A page includes an example with
//   <!-- include: docs/examples/foo.ts -->
// followed by a fenced block; this test checks the block is the file, verbatim, and that
// every example's default export runs without throwing (examples assert their own claims).
const root = join(__dirname, '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const includePattern = /<!-- include: (\S+) -->\s*```[a-z]*\n([\s\S]*?)```/g;

describe('docs include their examples verbatim', () => {
  const pages = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
  for (const page of pages) {
    const text = readFileSync(page, 'utf8');
    for (const match of text.matchAll(includePattern)) {
      const [, file, block] = match;
      it(`${relative(root, page)} shows ${file}`, () => {
        expect(block).toBe(readFileSync(join(root, file!), 'utf8'));
      });
    }
  }
});

describe('docs examples run', () => {
  const dir = join(root, 'docs', 'examples');
  const examples = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
  for (const file of examples) {
    it(`docs/examples/${file}`, async () => {
      const mod = (await import(join(dir, file))) as { default: () => unknown };
      await mod.default();
    });
  }
});
