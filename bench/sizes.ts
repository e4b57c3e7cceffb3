/**
 * Bundle sizes: intentful's two shapes exactly as `npm run size` measures them (the app files of
 * scripts/size.mjs, importing from the built package through its `exports`), beside what a user
 * writes with each peer (`bench/sizes/*.tsx`: a client, a provider and one adaptive component),
 * all bundled by the same function (scripts/bundle.mjs: esbuild, minified, ES2022, production,
 * react / react-dom / zustand external), gzip level 9.
 * Run: npm run build && npx tsx bench/sizes.ts
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, checkDist, isMain, rootDir, versionOf, wantsJson } from './lib';

export interface SizeRow {
  library: string;
  /** `minimal` / `README` for intentful; the peer's packages otherwise. */
  shape: string;
  what: string;
  min: number;
  gzip: number;
  error?: string;
}

interface SizeScript {
  apps: { name: string; what: string; limit: number; code: string }[];
  measure(code: string, dir: string): Promise<{ min: number; gzip: number }>;
}
interface BundleScript {
  bundleShape(
    code: string,
    resolveDir: string,
    loader: string,
  ): Promise<{ min: number; gzip: number }>;
}

const peers: { library: string; file: string; packages: string[] }[] = [
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

const load = async <T>(file: string): Promise<T> =>
  (await import(pathToFileURL(resolve(rootDir, file)).href)) as T;

export async function measureSizes(): Promise<SizeRow[]> {
  checkDist();
  const { apps, measure } = await load<SizeScript>('scripts/size.mjs');
  const { bundleShape } = await load<BundleScript>('scripts/bundle.mjs');
  const rows: SizeRow[] = [];
  // As in scripts/size.mjs: an app directory where `intentful` is an installed package.
  const dir = mkdtempSync(join(tmpdir(), 'intentful-bench-size-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(rootDir, join(dir, 'node_modules', 'intentful'), 'dir');
    for (const app of apps) {
      const { min, gzip } = await measure(app.code, dir);
      rows.push({ library: 'intentful', shape: app.name, what: app.what, min, gzip });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const p of peers) {
    const what = p.packages.map((name) => `${name}@${versionOf(name)}`).join(', ');
    try {
      const code = readFileSync(resolve(benchDir, 'sizes', p.file), 'utf8');
      const { min, gzip } = await bundleShape(code, resolve(benchDir, 'sizes'), 'tsx');
      rows.push({ library: p.library, shape: `bench/sizes/${p.file}`, what, min, gzip });
    } catch (error) {
      rows.push({
        library: p.library,
        shape: `bench/sizes/${p.file}`,
        what,
        min: Number.NaN,
        gzip: Number.NaN,
        error: String(error).split('\n')[0] ?? 'failed',
      });
    }
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const rows = await measureSizes();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else
    for (const r of rows)
      console.log(
        `${r.library} ${r.shape}: ${r.gzip.toLocaleString('en')} B gzip (${r.min.toLocaleString('en')} B min)${r.error ? ` FAILED ${r.error}` : ''}`,
      );
}
