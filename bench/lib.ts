import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(fileURLToPath(import.meta.url));
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
 * Runs a bench script in its own node process (own heap, own flags) and returns the JSON it
 * prints last, so one script's garbage never weighs on another's numbers.
 */
export function runJson<T>(script: string, nodeFlags: readonly string[] = []): T {
  const out = execFileSync(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', resolve(benchDir, script), '--json'],
    {
      cwd: rootDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

export const wantsJson = (): boolean => process.argv.includes('--json');
