/**
 * Bundle size of what a user writes (a provider and one adaptive component) per library, bundled
 * the same way for all: esbuild, minified, production, react/react-dom/zustand left to the app.
 * Every library as published: intentful from its built package (`npm run build` first).
 * Run: npx tsx bench/sizes.ts
 */

import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import {
  benchDir,
  checkDist,
  intentfulFromDist,
  isMain,
  kb,
  table,
  versionOf,
  wantsJson,
} from './lib';

export interface SizeRow {
  library: string;
  packages: string[];
  entry: string;
  min: number;
  gzip: number;
  brotli: number;
  error?: string;
}

export const sizeEntries: { library: string; file: string; packages: string[] }[] = [
  { library: 'intentful', file: 'intentful.tsx', packages: ['intentful'] },
  {
    library: 'Uniform Context',
    file: 'uniform.tsx',
    packages: ['@uniformdev/context-react', '@uniformdev/context'],
  },
  {
    library: 'GrowthBook',
    file: 'growthbook.tsx',
    packages: ['@growthbook/growthbook-react', '@growthbook/growthbook'],
  },
  { library: 'Ninetailed', file: 'ninetailed.tsx', packages: ['@ninetailed/experience.js-react'] },
  { library: 'Statsig', file: 'statsig.tsx', packages: ['@statsig/react-bindings'] },
  {
    library: 'LaunchDarkly',
    file: 'launchdarkly.tsx',
    packages: ['launchdarkly-react-client-sdk'],
  },
];

export const external = ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'];

export async function bundle(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    external,
    // The peers are measured as published, so intentful is too: its built package, through
    // `exports`, as `npm run size` measures it (`npm run build` first).
    plugins: [intentfulFromDist()],
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.contents;
}

export async function measureSizes(): Promise<SizeRow[]> {
  checkDist();
  const rows: SizeRow[] = [];
  for (const e of sizeEntries) {
    const entry = `bench/sizes/${e.file}`;
    try {
      const bytes = await bundle(resolve(benchDir, 'sizes', e.file));
      rows.push({
        library: e.library,
        packages: e.packages,
        entry,
        min: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
        }).length,
      });
    } catch (error) {
      rows.push({
        library: e.library,
        packages: e.packages,
        entry,
        min: Number.NaN,
        gzip: Number.NaN,
        brotli: Number.NaN,
        error: String(error).split('\n')[0] ?? 'failed',
      });
    }
  }
  return rows;
}

export function sizesTable(rows: readonly SizeRow[]): string {
  const ok = rows.filter((r) => !r.error && r.library !== 'intentful');
  const smallest = Math.min(...ok.map((r) => r.gzip));
  return table(
    ['library (version)', 'min', 'gzip', 'brotli', 'gzip vs intentful'],
    rows.map((r) => {
      const ours = rows.find((x) => x.library === 'intentful');
      const name = `${r.library} (${r.packages.map((p) => `${p}@${versionOf(p === 'intentful' ? '../' : p)}`).join(', ')})`;
      if (r.error) return [name, 'n/a', 'n/a', 'n/a', `failed: ${r.error}`];
      return [
        name,
        kb(r.min),
        kb(r.gzip),
        kb(r.brotli),
        ours && !ours.error ? `${(r.gzip / ours.gzip).toFixed(1)}×` : 'n/a',
      ];
    }),
  ).concat(
    Number.isFinite(smallest)
      ? `\n\nSmallest peer: ${kb(smallest)} gzip; budget for intentful (a third of it): ${kb(smallest / 3)}.`
      : '',
  );
}

if (isMain(import.meta.url)) {
  const rows = await measureSizes();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else console.log(sizesTable(rows));
}
