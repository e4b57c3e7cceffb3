import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import type { SignalInput } from 'intentful/core';

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
 * Makes `intentful` an installed package for scripts under bench/ (a symlink to the root), so
 * node itself resolves an unbundled `import('intentful/core')` through `exports` to `dist/`.
 */
export function linkSelf(): void {
  const link = resolve(benchDir, 'node_modules/intentful');
  if (existsSync(link)) return;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(rootDir, link, 'dir');
}

/** What an app leaves to its own dependencies; everything else is bundled, peers included. */
export const external = ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'];

/**
 * Bundles a bench script the way an app ships its code: esbuild, minified, production,
 * intentful from the built package (through its `exports`) and the peer SDKs from their
 * published builds, react / react-dom / zustand external. (The peers used to stay external and
 * so read `process.env.NODE_ENV` at run time, which no browser bundle does.) Written under
 * bench/node_modules/.bench so the externals resolve. `production: false` is the development
 * build, unminified (renders.tsx needs React's Profiler).
 */
export async function bundleScript(
  script: string,
  production = true,
  options: { keepNames?: boolean } = {},
): Promise<string> {
  const { build } = await import('esbuild');
  checkDist();
  linkSelf();
  const out = resolve(
    benchDir,
    'node_modules/.bench',
    script.replace(/[/\\]/g, '_').replace(/\.tsx?$/, '.mjs'),
  );
  await build({
    entryPoints: [resolve(benchDir, script)],
    outfile: out,
    bundle: true,
    minifyWhitespace: production,
    minifySyntax: production,
    // Function names in stacks (alloc.ts reports where objects are allocated); renaming locals
    // changes no allocation, so its counts hold for the minified build too.
    minifyIdentifiers: production && !options.keepNames,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    jsx: 'automatic',
    // Node-only tools the scripts drive; never part of what is measured.
    external: [...external, 'jsdom', 'playwright-core', 'esbuild'],
    plugins: [intentfulFromDist()],
    define: {
      'process.env.NODE_ENV': production ? '"production"' : '"development"',
      'process.env.INTENTFUL_FROM': '"dist"',
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
  options: { keepNames?: boolean; env?: Record<string, string> } = {},
): Promise<T> {
  const file = await bundleScript(script, production, options);
  const out = execFileSync(process.execPath, [...nodeFlags, file, '--json'], {
    cwd: rootDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env, NODE_ENV: production ? 'production' : 'development' },
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

/**
 * Node flags for every timed script. Process CPU time counts all of V8's threads, so collection
 * and compilation running in the background on behalf of one library would be charged to
 * whichever library's batch is being timed (beside the peers intentful read 1.1–2.8 µs, alone
 * 0.9–1.0 µs). With one thread that work runs where it is caused.
 */
export const TIMED_FLAGS = ['--single-threaded'] as const;

/** CPU time of this process per item since `t0`, in ns (wall time would count others' work). */
export function cpuNsPerItem(t0: NodeJS.CpuUsage, items: number): number {
  const d = process.cpuUsage(t0);
  return ((d.user + d.system) * 1000) / items;
}

/** One row of the per-signal table (here, so the root typecheck never needs the peers' types). */
export interface DecideRow {
  id: string;
  library: string;
  version: string;
  /** Bundled with esbuild as an app ships it, or loaded by node from the installed package. */
  bundled: boolean;
  setup: string;
  median: number;
  p99: number;
  /** Median of each kept round's pass, in round order (for paired ratios). */
  perRound: number[];
  /** Decision changes over the stream, all slots together. */
  changes: number;
  error: string | null;
}

/**
 * `a ÷ b` as the median over rounds of the ratio within each round: the passes of one round run
 * seconds apart, so a burst of load from other work weighs on both sides of each ratio.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const ratios = a.map((v, i) => v / b[i]!).filter(Number.isFinite);
  return summarize(ratios).median;
}

export interface Pass {
  /** CPU ns per signal, one sample per batch. */
  samples: number[];
  changes: number;
}

/** One fresh instance over the whole stream, timed per batch of `batch` signals. */
export async function timedPass(
  make: () => {
    step(s: SignalInput, i: number): void | Promise<void>;
    changes(): number;
    done?(): void;
  },
  stream: readonly SignalInput[],
  batch = 250,
): Promise<Pass> {
  const inst = make();
  const samples: number[] = [];
  for (let from = 0; from < stream.length; from += batch) {
    const to = Math.min(stream.length, from + batch);
    const t0 = process.cpuUsage();
    for (let i = from; i < to; i++) {
      const p = inst.step(stream[i]!, i);
      if (p) await p;
    }
    samples.push(cpuNsPerItem(t0, to - from));
  }
  inst.done?.();
  return { samples, changes: inst.changes() };
}

export interface Measured {
  samples: number[];
  perRound: number[];
  changes: number;
  error: string | null;
}

/** A configuration's figures from its passes; NaN times when it failed. */
export function rowOf(m: Measured) {
  const s = m.error ? { median: Number.NaN, p99: Number.NaN } : summarize(m.samples);
  return { median: s.median, p99: s.p99, perRound: m.perRound, changes: m.changes, error: m.error };
}

/**
 * Runs every configuration over the stream `rounds` times, taking turns (one pass each per
 * round, starting one further each round), so load from other work on the machine falls on all
 * alike and no configuration always follows another's garbage. The first `warmup` rounds are
 * dropped.
 */
export async function roundRobin(
  makes: readonly (() => {
    step(s: SignalInput, i: number): void | Promise<void>;
    changes(): number;
    done?(): void;
  })[],
  stream: readonly SignalInput[],
  rounds: number,
  warmup: number,
): Promise<Measured[]> {
  const out: Measured[] = makes.map(() => ({ samples: [], perRound: [], changes: 0, error: null }));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < makes.length; k++) {
      const c = (k + r) % makes.length;
      const m = out[c]!;
      if (m.error) continue;
      try {
        const p = await timedPass(makes[c]!, stream);
        if (r >= warmup) {
          m.samples.push(...p.samples);
          m.perRound.push(summarize(p.samples).median);
        }
        m.changes = p.changes;
      } catch (error) {
        m.error = String(error).split('\n')[0] ?? 'failed';
      }
    }
  }
  return out;
}

/**
 * A page script as an app ships it to the browser (esbuild, minified, ES2022, production, JSX),
 * with intentful from the built package. `entry` is a path (relative paths from `bench/`).
 */
export async function bundleForBrowser(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  checkDist();
  const result = await build({
    entryPoints: [resolve(benchDir, entry)],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [intentfulFromDist()],
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}
