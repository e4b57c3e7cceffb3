// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeBlocks, collectRegions, mismatch, normalize, type Region, regionsOf } from './regions';

// README code is the examples' code: every ```tsx and ```ts block of README.md must be, verbatim,
// one `// #region readme:<name>` … `// #endregion` of a file under examples/, which CI builds
// from the packed package and drives in chromium (scripts/examples.mjs).
const root = fileURLToPath(new URL('../../', import.meta.url));
const LANGS = ['tsx', 'ts'];

describe('README code blocks', () => {
  // Skipped until the README's blocks are rewritten to the example regions (main is doing it);
  // the tests below prove that a block that is not a region fails.
  it('are each one region of an example file', () => {
    const blocks = codeBlocks(readFileSync(`${root}README.md`, 'utf8'), LANGS);
    const regions = collectRegions(root, 'examples');
    expect(blocks.length).toBeGreaterThan(0);
    const problems = blocks.map((block) => mismatch(block, regions)).filter((m) => m !== null);
    expect(problems.join('\n\n')).toBe('');
  });

  it('the example regions are well formed and uniquely named', () => {
    const regions = collectRegions(root, 'examples');
    expect(regions.map((r) => r.name).sort()).toEqual([
      'app',
      'client',
      'model',
      'next-layout',
      'next-page',
      'next-providers',
      'plain',
      'profile',
      'recorder',
      'sinks',
    ]);
  });
});

describe('README region matching', () => {
  const file = [
    "import { defineModel } from 'intentful';",
    '// #region readme:page',
    'export function Page() {',
    '  return <main />;',
    '}',
    '// #endregion',
  ].join('\n');
  const regions: Region[] = regionsOf('examples/x/page.tsx', file);
  const readme = (code: string): string => `# Title\n\n\`\`\`tsx\n${code}\n\`\`\`\n`;

  it('reads a region without its markers', () => {
    expect(regions).toEqual([
      {
        name: 'page',
        file: 'examples/x/page.tsx',
        line: 2,
        code: 'export function Page() {\n  return <main />;\n}',
      },
    ]);
  });

  it('accepts a block that is a region verbatim', () => {
    const [block] = codeBlocks(readme('export function Page() {\n  return <main />;\n}'), LANGS);
    expect(mismatch(block!, regions)).toBeNull();
  });

  it('rejects a block that differs by one character, naming the region and the line', () => {
    const [block] = codeBlocks(readme('export function Page() {\n  return <main/>;\n}'), LANGS);
    expect(mismatch(block!, regions)).toBe(
      'README.md line 4 (```tsx) differs from readme:page (examples/x/page.tsx:2) at its line 2:\n' +
        '  README:    return <main/>;\n' +
        '  example:   return <main />;',
    );
  });

  it('rejects a block that only excerpts a region, or adds to one', () => {
    for (const code of [
      'export function Page() {',
      "import { defineModel } from 'intentful';\nexport function Page() {\n  return <main />;\n}",
    ]) {
      const [block] = codeBlocks(readme(code), LANGS);
      expect(mismatch(block!, regions)).toMatch(/differs from readme:page/);
    }
  });

  it('rejects a block that matches nothing', () => {
    const [block] = codeBlocks(readme('const x = 1;'), LANGS);
    expect(mismatch(block!, regions)).toMatch(/is not a region of any example file/);
  });

  it('checks ts and tsx blocks only', () => {
    const md =
      '```sh\nnpm i\n```\n```ts\nconst a = 1;\n```\n```tsx\n<A />\n```\n```json\n{}\n```\n';
    expect(codeBlocks(md, LANGS).map((b) => b.lang)).toEqual(['ts', 'tsx']);
  });

  it('refuses nested, unclosed and stray markers', () => {
    expect(() => regionsOf('f.ts', '// #region readme:a\n// #region readme:b\n')).toThrow(
      'f.ts:2: region "b" inside "a"',
    );
    expect(() => regionsOf('f.ts', '// #region readme:a\nx\n')).toThrow(
      'f.ts:1: region "a" has no #endregion',
    );
    expect(() => regionsOf('f.ts', 'x\n// #endregion\n')).toThrow('f.ts:2: #endregion without');
  });

  it('ignores indentation shared by every line and trailing spaces', () => {
    expect(normalize('\n    a  \n      b\n\n')).toBe('a\n  b');
  });
});
