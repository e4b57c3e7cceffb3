/**
 * Heap allocations per signal, counted by V8's allocation tracker (the inspector's
 * `HeapProfiler.startTrackingHeapObjects` with `trackAllocations`), not estimated: every object
 * allocated while `client.track` runs is recorded with its stack, including those collected since.
 * A heap snapshot then gives, per stack, the objects allocated and the objects still alive.
 * Counted under a named function per case, so the inspector's own traffic is left out.
 * Two cases on the headline setup (10 intents × 5 rules, 4 slots read as `<AdaptiveSlot>`s read
 * them), warmed first so the figures are the optimized code's: a signal no rule reads, and
 * signals from the bench stream (each matches rules). `N` stays below the client's history size
 * (500), so "still alive" counts what one signal leaves behind, not what the ring evicted.
 * The tracker routes every allocation through the runtime, which can change what optimized code
 * folds, so the bytes are also measured without it: the heap's growth over 10,000 signals with a
 * young generation large enough that no GC runs in between (checked with a GC observer).
 * Run: npx tsx bench/run.ts --keep-names alloc.ts --expose-gc --min-semi-space-size=64 --max-semi-space-size=64
 */
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import type { SignalInput } from 'intentful/core';
import * as intentful from 'intentful/core';
import { setup } from './intentful';
import { isMain, wantsJson } from './lib';
import { signalStream, unmatchedStream } from './stream';

const N = 400;
const WARM = 20_000;

export interface AllocRow {
  case: 'unmatched' | 'matched';
  signals: number;
  /** Objects allocated while the signals were tracked, per signal. */
  allocated: number;
  allocatedBytes: number;
  /** Of those, still alive after the run and a full GC, per signal. */
  alive: number;
  aliveBytes: number;
  /** Heap growth per signal without the tracker and without any GC in between (NaN if one ran). */
  untrackedBytes: number;
  /** The functions that allocate most, objects per signal (names from the built package). */
  sites: { fn: string; count: number }[];
}

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      trace_function_info_fields: string[];
      trace_node_fields: string[];
    };
  };
  nodes: number[];
  strings: string[];
  trace_function_infos: number[];
  trace_tree: unknown[];
}

async function snapshot(session: Session): Promise<Snapshot> {
  const chunks: string[] = [];
  const onChunk = (m: { params: { chunk: string } }) => chunks.push(m.params.chunk);
  session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return JSON.parse(chunks.join('')) as Snapshot;
}

/** Allocated (count, bytes) under the function named `marker`, and the trace ids below it. */
function allocatedUnder(snap: Snapshot, marker: string) {
  const { meta } = snap.snapshot;
  const infoWidth = meta.trace_function_info_fields.length;
  const nameAt = meta.trace_function_info_fields.indexOf('name');
  const f = (name: string) => meta.trace_node_fields.indexOf(name);
  const [ID, INFO, COUNT, SIZE, CHILDREN] = [
    f('id'),
    f('function_info_index'),
    f('count'),
    f('size'),
    f('children'),
  ];
  const width = meta.trace_node_fields.length;
  let count = 0;
  let bytes = 0;
  const ids = new Set<number>();
  // A node's count is its own: objects allocated with this function on top of the stack.
  const byFunction = new Map<string, number>();
  const walk = (nodes: unknown[], under: boolean): void => {
    for (let i = 0; i < nodes.length; i += width) {
      const info = nodes[i + INFO] as number;
      const name = snap.strings[snap.trace_function_infos[info * infoWidth + nameAt]!];
      // The bench's fake clock is set from the loop (`setNow`): bookkeeping, not the library.
      if (under && name === 'setNow') continue;
      const here = under || name === marker;
      // The marker's own frame is the bench loop (its iterator, its clock); only what the
      // library allocates below it is counted.
      if (under) {
        const own = nodes[i + COUNT] as number;
        count += own;
        bytes += nodes[i + SIZE] as number;
        ids.add(nodes[i + ID] as number);
        const fn = name || '(anonymous)';
        if (own > 0) byFunction.set(fn, (byFunction.get(fn) ?? 0) + own);
      }
      walk(nodes[i + CHILDREN] as unknown[], here);
    }
  };
  walk(snap.trace_tree, false);
  const sites = [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([fn, n]) => ({ fn, count: n }));
  return { count, bytes, ids, sites };
}

/** Live objects (and bytes) in the snapshot whose allocation stack is one of `ids`. */
function aliveFrom(snap: Snapshot, ids: Set<number>) {
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const trace = fields.indexOf('trace_node_id');
  const size = fields.indexOf('self_size');
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    if (ids.has(snap.nodes[i + trace]!)) {
      count++;
      bytes += snap.nodes[i + size]!;
    }
  }
  return { count, bytes };
}

const UNTRACKED = 10_000;

/** Heap growth per signal over `signals`, or NaN when a GC ran meanwhile (it would hide garbage). */
async function heapGrowth(run: () => void, signals: number): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  const before = process.memoryUsage().heapUsed;
  run();
  const after = process.memoryUsage().heapUsed;
  // GC entries are delivered asynchronously.
  await new Promise((done) => setTimeout(done, 50));
  observer.disconnect();
  return collections === 0 ? (after - before) / signals : Number.NaN;
}

export async function measureAllocations(): Promise<AllocRow[]> {
  const s = setup(intentful);
  const warmMatched = signalStream(WARM);
  let at = warmMatched[WARM - 1]!.at!;
  const warmUnmatched = unmatchedStream(WARM, at + 1);
  at += WARM * 250 + 1;
  // Warm both shapes interleaved, so neither leaves the other's code deoptimized.
  for (let i = 0; i < WARM; i++) {
    for (const signal of [warmMatched[i]!, warmUnmatched[i]!]) {
      s.setNow(signal.at!);
      s.client.track(signal);
    }
  }
  const untracked = { unmatched: unmatchedStream(UNTRACKED, at + 1), matched: [] as SignalInput[] };
  at += UNTRACKED * 250 + 1;
  untracked.matched = signalStream(UNTRACKED, 11, at);
  at = untracked.matched[UNTRACKED - 1]!.at! + 1;
  const feed = (signals: readonly SignalInput[]) => () => {
    for (let i = 0; i < signals.length; i++) {
      s.setNow(signals[i]!.at!);
      s.client.track(signals[i]!);
    }
  };
  const growth = {
    unmatched: await heapGrowth(feed(untracked.unmatched), UNTRACKED),
    matched: await heapGrowth(feed(untracked.matched), UNTRACKED),
  };
  const unmatched = unmatchedStream(N, at);
  const matched = signalStream(N, 7, at + N * 250 + 1);
  // Method names survive minification; the tracker records them in every stack below.
  const marks = {
    // Indexed loops: a `for…of` iterator's result objects would be counted as the library's.
    unmatchedSignals() {
      for (let i = 0; i < unmatched.length; i++) {
        s.setNow(unmatched[i]!.at!);
        s.client.track(unmatched[i]!);
      }
    },
    matchedSignals() {
      for (let i = 0; i < matched.length; i++) {
        s.setNow(matched[i]!.at!);
        s.client.track(matched[i]!);
      }
    },
  };
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
    const rows: AllocRow[] = [];
    for (const [name, run, which] of [
      ['unmatchedSignals', marks.unmatchedSignals, 'unmatched'],
      ['matchedSignals', marks.matchedSignals, 'matched'],
    ] as const) {
      run();
      const snap = await snapshot(session);
      const a = allocatedUnder(snap, name);
      const live = aliveFrom(snap, a.ids);
      rows.push({
        case: which,
        signals: N,
        allocated: a.count / N,
        allocatedBytes: a.bytes / N,
        alive: live.count / N,
        aliveBytes: live.bytes / N,
        untrackedBytes: growth[which],
        sites: a.sites.map((site) => ({ fn: site.fn, count: site.count / N })),
      });
    }
    await session.post('HeapProfiler.stopTrackingHeapObjects', { reportProgress: false });
    if (s.client.stats.accepted !== 2 * WARM + 2 * UNTRACKED + 2 * N)
      throw new Error('signals were dropped');
    return rows;
  } finally {
    session.disconnect();
    s.dispose();
  }
}

if (isMain(import.meta.url)) {
  const rows = await measureAllocations();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else
    for (const r of rows)
      console.log(
        `${r.case.padEnd(10)} allocated ${r.allocated.toFixed(2)} objects (${r.allocatedBytes.toFixed(0)} B), alive after ${r.alive.toFixed(2)} (${r.aliveBytes.toFixed(0)} B) per signal; untracked ${r.untrackedBytes.toFixed(0)} B`,
      );
}
