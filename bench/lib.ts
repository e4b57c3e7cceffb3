import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
// Bundled copies run from bench/node_modules/.bench; paths stay relative to bench/ itself.
export const benchDir = here.includes(`${sep}node_modules${sep}.bench`)
  ? resolve(here, '../..')
  : here;
export const rootDir = resolve(benchDir, '..');

export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export interface Summary {
  median: number;
  p99: number;
}

export function summarize(samples: readonly number[]): Summary {
  const s = samples.slice().sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p99: quantile(s, 0.99) };
}

/** Version of a package as installed for the bench (bench/node_modules first, then the root's). */
export function versionOf(name: string): string {
  for (const dir of [benchDir, rootDir]) {
    try {
      const pkg = JSON.parse(
        readFileSync(resolve(dir, 'node_modules', name, 'package.json'), 'utf8'),
      ) as { version?: string };
      if (pkg.version) return pkg.version;
    } catch {
      // Not installed here; try the next place.
    }
  }
  return 'not installed';
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join(
    '\n',
  );
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const us = (ns: number): string => `${(ns / 1000).toFixed(2)} µs`;

/** Where a bench bundle takes `intentful` from: its sources, or the built package. */
export type IntentfulFrom = 'src' | 'dist';

/** The newest file under `dir` (recursively), with its modification time. */
function newest(dir: string): { file: string; at: number } {
  let best = { file: '', at: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? newest(path) : { file: path, at: statSync(path).mtimeMs };
    if (found.at > best.at) best = found;
  }
  return best;
}

/**
 * Throws when `dist/` is missing, and warns when a source file is newer than the build, so a
 * figure is never taken from a stale package without saying so.
 */
export function checkDist(): void {
  const index = resolve(rootDir, 'dist/index.js');
  if (!existsSync(index)) throw new Error('dist/index.js is missing: run `npm run build` first');
  const src = newest(resolve(rootDir, 'src'));
  if (src.at > statSync(index).mtimeMs)
    process.stderr.write(
      `warning: ${src.file.slice(rootDir.length + 1)} is newer than dist/: run \`npm run build\` to measure the current sources\n`,
    );
}

/**
 * Resolves `intentful` and `intentful/<entry>` through the package's `exports` (the `import`
 * condition) to the built files, as an app's bundler does with the installed package.
 */
export function intentfulFromDist(): Plugin {
  const pkg = JSON.parse(readFileSync(resolve(rootDir, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { import?: string | { default?: string } }>;
  };
  return {
    name: 'intentful-dist',
    setup(b) {
      b.onResolve({ filter: /^intentful(\/.*)?$/ }, (args) => {
        const sub = `.${args.path.slice('intentful'.length)}`;
        const entry = pkg.exports[sub];
        const target =
          typeof entry === 'string'
            ? entry
            : typeof entry?.import === 'string'
              ? entry.import
              : entry?.import?.default;
        if (!target) return { errors: [{ text: `intentful does not export "${sub}"` }] };
        return { path: resolve(rootDir, target) };
      });
    },
  };
}

/**
 * Bundles a bench script the way an app ships intentful (esbuild, production, no keepNames) and
 * writes it under bench/node_modules so the peers still resolve. tsx would wrap every closure
 * in a naming helper, which costs the library time that no user's build pays. `from: 'dist'`
 * takes the library from the built package (`npm run build` first) instead of its sources;
 * the bundle sees which as `process.env.INTENTFUL_FROM`.
 */
export async function bundleScript(
  script: string,
  production = true,
  from: IntentfulFrom = 'src',
): Promise<string> {
  const { build } = await import('esbuild');
  // The shipped build's target, so a lowering that slows the engine (class fields into WeakMap
  // helpers, say) shows up here too rather than only in apps.
  const { default: tsup } = await import('../tsup.config');
  const { target } = tsup as { target?: string };
  if (from === 'dist') checkDist();
  const out = resolve(
    benchDir,
    'node_modules/.bench',
    script.replace(/[/\\]/g, '_').replace(/\.tsx?$/, '.mjs'),
  );
  await build({
    entryPoints: [resolve(benchDir, script)],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: target ?? 'es2022',
    jsx: 'automatic',
    packages: 'external',
    ...(from === 'dist'
      ? { plugins: [intentfulFromDist()] }
      : {
          alias: {
            'intentful/core': resolve(rootDir, 'src/core/index.ts'),
            'intentful/policies': resolve(rootDir, 'src/policies.ts'),
            intentful: resolve(rootDir, 'src/index.ts'),
          },
        }),
    define: {
      'process.env.NODE_ENV': production ? '"production"' : '"development"',
      'process.env.INTENTFUL_FROM': JSON.stringify(from),
    },
    logLevel: 'error',
  });
  return out;
}

/**
 * Runs a bench script in its own node process (own heap, own flags) and returns the JSON it
 * prints last, so one script's garbage never weighs on another's numbers.
 */
export async function runJson<T>(
  script: string,
  nodeFlags: readonly string[] = [],
  production = true,
  from: IntentfulFrom = 'src',
): Promise<T> {
  const file = await bundleScript(script, production, from);
  const out = execFileSync(process.execPath, [...nodeFlags, file, '--json'], {
    cwd: rootDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: production ? 'production' : 'development' },
  });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** True when this module is the script node was started with (bundled or not). */
export const isMain = (url: string): boolean => {
  const arg = process.argv[1] ?? '';
  return url === `file://${arg}` || url.endsWith(arg);
};

export const wantsJson = (): boolean => process.argv.includes('--json');
