import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A fenced code block of the README and the line its code starts on. */
export interface CodeBlock {
  readonly lang: string;
  readonly line: number;
  readonly code: string;
}

/** The text between `// #region readme:<name>` and `// #endregion` in an example file. */
export interface Region {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

const FENCE = /^```(\S*)\s*$/;
const REGION_START = /^\s*\/\/ #region readme:([\w-]+)\s*$/;
const REGION_END = /^\s*\/\/ #endregion\b/;

/** Trailing spaces and surrounding blank lines removed; indentation kept relative. */
export function normalize(code: string): string {
  const lines = code.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const indents = lines.filter((line) => line !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/** Every fenced block whose language is one of `langs`. */
export function codeBlocks(markdown: string, langs: readonly string[]): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (end === -1) throw new Error(`README line ${i + 1}: a code fence is never closed`);
    const lang = open[1] ?? '';
    if (langs.includes(lang)) {
      blocks.push({ lang, line: i + 2, code: normalize(lines.slice(i + 1, end).join('\n')) });
    }
    i = end;
  }
  return blocks;
}

/** The `readme:` regions of one file; throws on an unclosed, nested or stray marker. */
export function regionsOf(file: string, text: string): Region[] {
  const regions: Region[] = [];
  let open: { name: string; line: number; start: number } | null = null;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const start = REGION_START.exec(line);
    if (start) {
      if (open) throw new Error(`${file}:${i + 1}: region "${start[1]}" inside "${open.name}"`);
      open = { name: start[1]!, line: i + 1, start: i + 1 };
    } else if (REGION_END.test(line)) {
      if (!open) throw new Error(`${file}:${i + 1}: #endregion without a #region readme:`);
      const code = normalize(lines.slice(open.start, i).join('\n'));
      regions.push({ name: open.name, file, line: open.line, code });
      open = null;
    }
  });
  if (open) {
    const { name, line } = open as { name: string; line: number };
    throw new Error(`${file}:${line}: region "${name}" has no #endregion`);
  }
  return regions;
}

const SKIP = new Set(['node_modules', '.next', 'dist']);

/** Every region of the TypeScript files under `dir`; names must be unique. */
export function collectRegions(root: string, dir: string): Region[] {
  const regions: Region[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        regions.push(...regionsOf(relative(root, full), readFileSync(full, 'utf8')));
      }
    }
  };
  walk(join(root, dir));
  const seen = new Map<string, Region>();
  for (const region of regions) {
    const other = seen.get(region.name);
    if (other) {
      throw new Error(
        `region readme:${region.name} is in both ${other.file}:${other.line} and ${region.file}:${region.line}`,
      );
    }
    seen.set(region.name, region);
  }
  return regions;
}

/**
 * Why a README block is not exactly one example region, or `null` when it is. The message
 * names the closest region and the first line that differs, so fixing either side is quick.
 */
export function mismatch(block: CodeBlock, regions: readonly Region[]): string | null {
  if (regions.some((region) => region.code === block.code)) return null;
  const lines = block.code.split('\n');
  let best: { region: Region; shared: number } | null = null;
  for (const region of regions) {
    const theirs = new Set(region.code.split('\n'));
    const shared = lines.filter((line) => line.trim() !== '' && theirs.has(line)).length;
    if (!best || shared > best.shared) best = { region, shared };
  }
  const where = `README.md line ${block.line} (\`\`\`${block.lang})`;
  if (!best || best.shared === 0) {
    return `${where} is not a region of any example file; put it in one between \`// #region readme:<name>\` and \`// #endregion\` (regions: ${regions.map((r) => r.name).join(', ') || 'none'})`;
  }
  const { region } = best;
  const theirs = region.code.split('\n');
  let i = 0;
  while (i < lines.length && i < theirs.length && lines[i] === theirs[i]) i++;
  return (
    `${where} differs from readme:${region.name} (${region.file}:${region.line}) at its line ${i + 1}:\n` +
    `  README:  ${lines[i] ?? '(block ends)'}\n` +
    `  example: ${theirs[i] ?? '(region ends)'}`
  );
}
