import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * Bundles a bench script the way an app ships intentful (esbuild, production, no keepNames) and
 * writes it under bench/node_modules so the peers still resolve. tsx would wrap every closure
 * in a naming helper, which costs the library time that no user's build pays.
 */
export async function bundleScript(script: string, production = true): Promise<string> {
  const { build } = await import('esbuild');
  // The shipped build's target, so a lowering that slows the engine (class fields into WeakMap
  // helpers, say) shows up here too rather than only in apps.
  const { default: tsup } = await import('../tsup.config');
  const { target } = tsup as { target?: string };
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
    alias: {
      'intentful/core': resolve(rootDir, 'src/core/index.ts'),
      intentful: resolve(rootDir, 'src/index.ts'),
    },
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
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
): Promise<T> {
  const file = await bundleScript(script, production);
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
