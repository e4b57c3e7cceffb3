/**
 * Heap after 10k, 100k and 1M signals through the client (engine, 4 slots read as mounted
 * `<AdaptiveSlot>`s read them), from the built package: long sessions must not grow memory.
 * Needs --expose-gc: npx tsx bench/run.ts memory.ts --expose-gc
 */
import * as intentful from 'intentful/core';
import { setup } from './intentful';
import { isMain, wantsJson } from './lib';
import { EPOCH, signalStream } from './stream';

export interface MemoryRow {
  signals: number;
  heapUsed: number;
}

const CHUNK = 10_000;

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // A few passes so weakly held and finalizable objects are really gone.
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

export function measureMemory(
  total = Number(process.env.BENCH_MEMORY_SIGNALS ?? 1_000_000),
): MemoryRow[] {
  const s = setup(intentful);
  const rows: MemoryRow[] = [{ signals: 0, heapUsed: heap() }];
  let at = EPOCH;
  for (let done = 0; done < total; done += CHUNK) {
    // Generated per chunk so the stream itself never sits on the heap being measured.
    const chunk = signalStream(CHUNK, 42 + done, at);
    for (const signal of chunk) {
      s.setNow(signal.at!);
      s.client.track(signal);
    }
    at = chunk[chunk.length - 1]!.at!;
    const n = done + CHUNK;
    if (n === 10_000 || n === 100_000 || n === total) rows.push({ signals: n, heapUsed: heap() });
  }
  // Keeps the client alive until the last reading, and proves nothing was dropped.
  if (s.client.stats.accepted !== total) throw new Error('signals were dropped');
  s.dispose();
  return rows;
}

if (isMain(import.meta.url)) {
  const rows = measureMemory();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else
    for (const r of rows)
      console.log(
        `${r.signals.toLocaleString('en')} signals: ${(r.heapUsed / 1048576).toFixed(2)} MB`,
      );
}
