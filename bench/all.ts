/**
 * Every benchmark in one run, side by side, written to BENCHMARKS.md, each of issue #13's targets
 * printed as met or not met with its figure. Every intentful figure comes from the built package.
 * Run: npm run build && npm run bench:all   (needs `(cd bench && npm ci)` once for the peers)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { AllocRow } from './alloc';
import type { ColdRun } from './browser/cold';
import type { BrowserRun } from './browser/run';
import {
  type DecideRow,
  pairedRatio,
  rootDir,
  runJson,
  summarize,
  TIMED_FLAGS,
  table,
  versionOf,
} from './lib';
import type { MemoryRow } from './memory';
import { type RenderReport, rendersTable } from './renders';
import type { ScalingRow } from './scaling';
import { measureSizes } from './sizes';

/** What each size shape carries, said wherever the shapes are named. */
const SHAPE_FEATURES = `Opt-in, their code in neither shape unless imported (the core keeps only the calls into it): slot
events, exposures and goal attribution
(\`analytics()\`), the unit id (experiments, bandits, \`analytics()\`), signal followers (\`rules()\`),
save and restore (\`serialize()\`, \`hydrate()\`, \`persistence()\`), trails (\`trails()\`), \`explain()\` and
the policies' sentences. Both shapes carry scoring and decay, steps, declarations, consent, slot locking
and the intent-match policy; the README shape adds the collectors (with their compact sanitizer),
device persistence with save and restore, and \`<WhyThis>\`.`;

const started = Date.now();
const loadAt = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const loadStart = loadAt();

function step<T>(name: string, run: () => Promise<T>): Promise<T | Error> {
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  return run().then(
    (v) => {
      process.stderr.write(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
      return v;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${name} FAILED: ${String(error)}\n`);
      return error instanceof Error ? error : new Error(String(error));
    },
  );
}

const failed = (e: unknown): e is Error => e instanceof Error;
/** `a ÷ b`, paired round by round (see `pairedRatio`). */
const ratio = (a: { perRound: number[] }, b: { perRound: number[] }): number =>
  pairedRatio(a.perRound, b.perRound);
const B = (n: number): string => `${Math.round(n).toLocaleString('en')} B`;
const µs = (ns: number): string =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1000).toFixed(2)} µs`;
const x = (r: number): string => `${r.toFixed(1)}×`;

type Status = 'met' | 'not met' | 'reported' | 'failed';
const mark: Record<Status, string> = {
  met: '✅ met',
  'not met': '❌ not met',
  reported: 'ℹ️ reported',
  failed: '⚠️ not measured',
};
const targets: string[][] = [];
const target = (name: string, goal: string, figure: string, status: Status) =>
  targets.push([name, goal, figure, mark[status]]);
const met = (ok: boolean): Status => (ok ? 'met' : 'not met');

function chromiumVersion(): string {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

const sizes = await step('bundle sizes', measureSizes);
const sizeCheck = await step('npm run size', async () =>
  spawnSync(process.execPath, ['scripts/size.mjs'], { cwd: rootDir, encoding: 'utf8' }),
);
const decide = await step('per-signal decisions', () =>
  runJson<DecideRow[]>('peers/decide.ts', TIMED_FLAGS),
);
const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/**
 * Configurations measured each alone in a fresh process, taking turns: per id its median and its
 * runs in order, so ratios are taken within a run (seconds apart) as in the shared run. A shared
 * machine switches between faster and slower spells that last seconds: a ratio of medians taken
 * from different runs can pair one spell with another.
 */
const ALONE = ['slots', 'slots-node', 'growthbook', 'uniform'] as const;
const ALONE_RUNS = Number(process.env.BENCH_ALONE_RUNS ?? 5);
const alone = await step('per-signal decisions, each alone in its process', async () => {
  const medians = new Map<string, number[]>(ALONE.map((id) => [id, []]));
  for (let r = 0; r < ALONE_RUNS; r++)
    for (let k = 0; k < ALONE.length; k++) {
      // Starting one further each run, so no configuration always follows the same one.
      const id = ALONE[(k + r) % ALONE.length]!;
      const [one] = await runJson<DecideRow[]>('peers/decide.ts', TIMED_FLAGS, true, {
        env: { BENCH_ONLY: id },
      });
      if (!one || one.error) throw new Error(`${id}: ${one?.error ?? 'no row'}`);
      medians.get(id)!.push(one.median);
    }
  return new Map([...medians].map(([id, xs]) => [id, { median: mid(xs), runs: xs }]));
});
/** `top ÷ bottom` alone: the median over runs of the two figures' ratio within each run. */
const aloneRatio = (top: string, bottom: string): number => {
  if (failed(alone)) return Number.NaN;
  const t = alone.get(top)!.runs;
  const b = alone.get(bottom)!.runs;
  return mid(t.map((v, r) => v / b[r]!));
};
// What the flags change: intentful and both peers in one process with V8's background threads
// (its default) and without them, taking turns.
const threads = await step(
  'per-signal decisions beside the peers, with background threads',
  async () => {
    const runs: { background: number[]; one: number[] } = { background: [], one: [] };
    for (let r = 0; r < ALONE_RUNS; r++)
      for (const one of r % 2 ? [true, false] : [false, true]) {
        const rows = await runJson<DecideRow[]>('peers/decide.ts', one ? TIMED_FLAGS : [], true, {
          env: { BENCH_ONLY: 'slots,growthbook,uniform' },
        });
        const row = rows.find((x) => x.id === 'slots');
        if (!row || row.error) throw new Error(row?.error ?? 'no slots row');
        runs[one ? 'one' : 'background'].push(row.median);
      }
    return { background: mid(runs.background), one: mid(runs.one), runs };
  },
);
const scaling = await step('scaling', () => runJson<ScalingRow[]>('scaling.ts', TIMED_FLAGS));
const alloc = await step('allocations', () =>
  runJson<AllocRow[]>(
    'alloc.ts',
    ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'],
    true,
    { keepNames: true },
  ),
);
const memory = await step('memory', () => runJson<MemoryRow[]>('memory.ts', ['--expose-gc']));
const cold = await step('cold start in chromium', () => runJson<ColdRun>('browser/cold.ts'));
const renders = await step('React renders', () => runJson<RenderReport>('renders.tsx', [], false));
const browser = await step('storefront session in chromium', () =>
  runJson<BrowserRun[]>('browser/run.ts'),
);
const loadEnd = loadAt();

const out: string[] = [];

out.push(`# Benchmarks

intentful side by side with the personalization SDKs a React team would pick instead, measured in
one run by \`npm run bench:all\` (generated: edit \`bench/all.ts\`, not this page). Every intentful
figure is taken from the built package (\`dist/\`), imported the way an app imports it. The machine
is shared, so absolute times are inflated and vary between runs; **ratios measured in the same run
are the headline**.

## Machine and versions

| | |
| --- | --- |
| date | ${new Date(started).toISOString()} |
| cores (\`nproc\`) | ${cpus().length} (shared with other work) |
| cpu | ${cpus()[0]?.model ?? 'unknown'} |
| load average (1, 5, 15 min) | at start ${loadStart}; at the end ${loadEnd} |
| node | ${process.version} |
| chromium | ${chromiumVersion()} |
| intentful | ${versionOf('../')}, built \`dist/\` |
| react / react-dom / zustand | ${versionOf('react')} / ${versionOf('react-dom')} / ${versionOf('zustand')} |
| esbuild / playwright-core / jsdom | ${versionOf('esbuild')} / ${versionOf('playwright-core')} / ${versionOf('jsdom')} |

## Commands

\`\`\`sh
npm ci && (cd bench && npm ci)     # the peers live in bench/package.json, never in the library's
npm run build                      # every intentful figure comes from dist/
npm run bench:all                  # everything below; rewrites BENCHMARKS.md
npx tsx bench/sizes.ts             # 1. sizes (npm run size's shapes beside the peers)
npm run bench                      # 2. per-signal cost vs GrowthBook and Uniform (--single-threaded)
BENCH_ONLY=slots npm run bench     #    one configuration alone in its process
npx tsx bench/run.ts scaling.ts --single-threaded  # 3. 1 / 10 / 100 intents, slots, rules per intent
npx tsx bench/run.ts --keep-names alloc.ts --expose-gc --min-semi-space-size=64 --max-semi-space-size=64  # 4.
npx tsx bench/run.ts browser/cold.ts                # 5. cold start in chromium
npx tsx bench/run.ts --dev renders.tsx              # 6. React renders
npx tsx bench/run.ts browser/run.ts                 # 7. storefront session in chromium
npx tsx bench/run.ts memory.ts --expose-gc          # 8. memory over 1M signals
\`\`\`

\`bench/run.ts\` bundles a script as an app ships code (esbuild, minified, ES2022, production;
intentful resolved through its package \`exports\` to \`dist/\`, the peers from their published
builds; react, react-dom and zustand external) and runs the bundle with node. Times are this
process's CPU time (\`process.cpuUsage\`) per batch of 250 signals, so other people's work on the
machine inflates them less than wall time would; medians and p99 are over batches. The timed
scripts (sections 2 and 3) run with node's \`--single-threaded\`: process CPU time counts every
thread, and V8's background collection of one library's garbage would otherwise be charged to
whichever library's batch is being timed (section 2 shows the difference).
`);

// 1. sizes
out.push('## 1. Bundle size\n');
let smallestPeer = Number.NaN;
if (failed(sizes)) out.push(`Failed: ${sizes.message}\n`);
else {
  const peers = sizes.filter((r) => r.library !== 'intentful' && !r.error);
  smallestPeer = Math.min(...peers.map((r) => r.gzip));
  const shape = (name: string) => sizes.find((r) => r.library === 'intentful' && r.shape === name);
  out.push(`intentful's shapes are the app files \`npm run size\` measures (\`scripts/size.mjs\`), importing
from the built package: **minimal** is \`defineModel\` + \`createIntentful\` + \`<IntentProvider>\` +
one \`<AdaptiveSlot>\` with two \`<Variant>\`s + \`useIntent\`; **README** adds \`collectors()\`,
\`persistence()\`, \`useNextStep\` and \`<WhyThis>\` (the README quick start). ${SHAPE_FEATURES} Each peer's file
(\`bench/sizes/*.tsx\`) is a client, its provider and one adaptive component. All are bundled by the
same function (\`scripts/bundle.mjs\`: esbuild, minified, ES2022, production, react / react-dom /
zustand external), gzip level 9.

${table(
  ['library', 'shape', 'what', 'min', 'gzip', 'gzip ÷ smallest peer'],
  sizes.map((r) => [
    r.library,
    r.shape,
    r.what,
    r.error ? 'n/a' : B(r.min),
    r.error ? `failed: ${r.error}` : B(r.gzip),
    r.error ? 'n/a' : `${(r.gzip / smallestPeer).toFixed(2)}`,
  ]),
)}
`);
  const minimal = shape('minimal');
  const readme = shape('README');
  if (minimal)
    target(
      'minimal shape, gzip',
      `≤ 6,400 B (half of Uniform's 12,892)`,
      `${B(minimal.gzip)} (${(minimal.gzip / smallestPeer).toFixed(2)} of the smallest peer)`,
      met(minimal.gzip <= 6_400),
    );
  if (readme)
    target('README shape, gzip', '≤ 12,900 B', B(readme.gzip), met(readme.gzip <= 12_900));
}
if (failed(sizeCheck))
  target('`npm run size` budgets', 'both shapes, fails over budget', sizeCheck.message, 'failed');
else {
  const ceilings = [...sizeCheck.stdout.matchAll(/ceiling ([\d,]+) B/g)].map((m) =>
    Number(m[1]!.replace(/,/g, '')),
  );
  const atTargets = ceilings.length === 2 && ceilings[0]! <= 6_400 && ceilings[1]! <= 12_900;
  target(
    '`npm run size` budgets',
    'measures both shapes from `dist`, fails over budget',
    `exit ${sizeCheck.status}; ceilings ${ceilings.map(B).join(' / ')}${atTargets ? '' : ' (today’s figures, not the targets)'}`,
    met(sizeCheck.status === 0 && atTargets),
  );
}

// 2. per-signal
out.push('## 2. Per-signal cost, one process, one stream\n');
if (failed(decide)) out.push(`Failed: ${decide.message}\n`);
else {
  const row = (id: string) => decide.find((r) => r.id === id && !r.error);
  const slots = row('slots');
  const gb = row('growthbook');
  const uni = row('uniform');
  out.push(`The same deterministic stream of 10,000 signals (\`bench/stream.ts\`: 8 signal types, 8 targets,
5 page types, ~250 ms apart; every signal matches some rule) fed one at a time to each
configuration. Configurations take turns in one process (${process.env.BENCH_ROUNDS ?? 16} passes each, the first 3 dropped),
starting one further each round so load and garbage fall on all alike. Medians and p99 are over
the batches of the kept passes; every ratio (here and in section 3) is the median over rounds of
the ratio within one round, whose passes ran seconds apart.

- **intentful** runs what an app runs, through the public API: \`createIntentful\` with the bench
  model (10 intents × 5 evidence rules), mounted, \`client.track(signal)\`; "4 slots" adds four
  registered slots, each subscribed and read with \`client.slot(id).get()\` and exposed after every
  switch, as four mounted \`<AdaptiveSlot>\`s do. "engine only" has no slots and one store
  subscriber, as a \`useIntent\` reader.
- **Uniform Context** gets the same model as 50 signals and 10 aggregate dimensions and decides 4
  placements with \`personalize\`; the app's \`URL\` objects and event records are built before the
  clock starts.
- **GrowthBook** has no scoring, so it does less: the app's counts of the signal kinds its rules
  read (and the page type) are computed before the clock starts, and each signal costs
  \`setAttributes\` plus 4 \`evalFeature\`s with 2 targeting rules each.
- **bundled** rows run code bundled into this script (esbuild, minified, production); the
  **node** rows load the same packages through node's resolution of the installed package (what
  SSR, a Node replay or a test runner gets), with \`NODE_ENV=production\` read at run time.
- "decision changes" counts how often a slot's (placement's, feature's) chosen variant changed over
  the stream, so the work each library did is visible: intentful's intent-match slots hold a
  variant while its intent stays likely; GrowthBook's features flip with the page type.

${table(
  ['library', 'run as', 'what runs per signal', 'median', 'p99', 'decision changes'],
  decide.map((r) => [
    `${r.library} ${r.version}`,
    r.bundled ? 'bundled' : 'node',
    r.error ? `${r.setup} — failed: ${r.error}` : r.setup,
    µs(r.median),
    µs(r.p99),
    r.changes.toLocaleString('en'),
  ]),
)}
`);
  const engine = row('engine');
  const engineNode = row('engine-node');
  const slotsNode = row('slots-node');
  const gbNode = row('growthbook-node');
  const uniNode = row('uniform-node');
  const lines: string[] = [];
  if (slots && gb)
    lines.push(`GrowthBook ÷ intentful (4 slots), bundled: **${x(ratio(gb, slots))}**`);
  if (slots && uni)
    lines.push(`Uniform ÷ intentful (4 slots), bundled: **${x(ratio(uni, slots))}**`);
  if (slots && slotsNode)
    lines.push(
      `intentful unbundled ÷ bundled: 4 slots **${(ratio(slotsNode, slots)).toFixed(2)}×**${engine && engineNode ? `, engine only ${(ratio(engineNode, engine)).toFixed(2)}×` : ''}`,
    );
  if (gb && gbNode && uni && uniNode)
    lines.push(
      `peers unbundled ÷ bundled: GrowthBook ${(ratio(gbNode, gb)).toFixed(2)}×, Uniform ${(ratio(uniNode, uni)).toFixed(2)}×`,
    );
  out.push(`${lines.map((l) => `- ${l}`).join('\n')}\n`);
  if (failed(alone)) out.push(`Each alone: failed: ${alone.message}\n`);
  else {
    const a = (id: string) => alone.get(id)!;
    out.push(`**Each alone in its own process**, as a check on the shared run: the same script ran
each configuration alone in a fresh process (\`--single-threaded\` too), ${ALONE_RUNS} times taking
turns; medians of those runs:

${table(
  ['configuration', 'median per signal', 'runs'],
  ALONE.map((id) => [
    id === 'slots'
      ? 'intentful, 4 slots, bundled'
      : id === 'slots-node'
        ? 'intentful, 4 slots, node'
        : id === 'growthbook'
          ? 'GrowthBook, bundled'
          : 'Uniform, bundled',
    µs(a(id).median),
    a(id)
      .runs.map((v) => µs(v))
      .join(', '),
  ]),
)}

- alone, GrowthBook ÷ intentful: **${x(aloneRatio('growthbook', 'slots'))}**; Uniform ÷ intentful: **${x(aloneRatio('uniform', 'slots'))}** (medians over runs of the ratio within a run)
- alone, intentful unbundled ÷ bundled: **${aloneRatio('slots-node', 'slots').toFixed(2)}×**
${
  failed(threads)
    ? `- background threads check failed: ${threads.message}`
    : `- why \`--single-threaded\`: intentful beside the peers (4 slots, GrowthBook, Uniform in one process, ${ALONE_RUNS} runs each way) reads ${µs(threads.background)} with V8's background threads, whose collection of the peers' garbage is charged to intentful's batches, and ${µs(threads.one)} without them; runs ${threads.runs.background.map((v) => µs(v)).join(', ')} and ${threads.runs.one.map((v) => µs(v)).join(', ')}`
}
`);
  }
  if (engine)
    target('engine only, median per signal', '(no target; context)', µs(engine.median), 'reported');
  if (slots)
    target(
      'engine + 4 slots, median per signal',
      '≤ 1.0 µs',
      µs(slots.median),
      met(slots.median <= 1000),
    );
  if (slots && gb)
    target(
      'vs GrowthBook, same run, bundled alike',
      '≥ 7×',
      x(ratio(gb, slots)),
      met(ratio(gb, slots) >= 7),
    );
  if (slots && uni)
    target(
      'vs Uniform, same run, bundled alike',
      '≥ 40×',
      x(ratio(uni, slots)),
      met(ratio(uni, slots) >= 40),
    );
  if (slots && gb && uni)
    target(
      'fair comparisons',
      'bookkeeping outside the timed loop; decision changes reported',
      `outside for all; changes: intentful ${slots.changes}, GrowthBook ${gb.changes.toLocaleString('en')}, Uniform ${uni.changes}`,
      'met',
    );
  if (!failed(alone)) {
    const a = (id: string) => alone.get(id)!.median;
    target(
      'engine + 4 slots, alone in its process',
      '(the target counts the shared run above)',
      `${µs(a('slots'))}; GrowthBook ${x(aloneRatio('growthbook', 'slots'))}, Uniform ${x(aloneRatio('uniform', 'slots'))} alone`,
      'reported',
    );
    // Measured alone: in the shared process the two copies' figures swing either way.
    target(
      'unbundled ÷ bundled (4 slots), each alone',
      '≤ 1.2×',
      `${aloneRatio('slots-node', 'slots').toFixed(2)}× (shared process: ${slots && slotsNode ? `${ratio(slotsNode, slots).toFixed(2)}×` : 'n/a'})`,
      met(aloneRatio('slots-node', 'slots') <= 1.2),
    );
  }
}

// 3. scaling
out.push('## 3. Scaling with the model and the page\n');
if (failed(scaling)) out.push(`Failed: ${scaling.message}\n`);
else {
  out.push(`The client with 4 slots (as in section 2), one dimension changed at a time from 10 intents ×
5 rules per intent × 4 slots, on 5,000 signals of the same stream; all nine configurations take
turns in one process (${process.env.BENCH_SCALING_ROUNDS ?? 10} passes, the first 2 dropped). More intents and more rules also mean each
signal matches proportionally more rules: that is the work that should grow linearly.

${table(
  ['dimension', '1', '10', '100', '100 ÷ 10', 'decision changes (1 / 10 / 100)'],
  (['intents', 'slots', 'rules'] as const).map((d) => {
    const at = (n: number) => scaling.find((r) => r.dimension === d && r.n === n);
    const [a, b, c] = [at(1), at(10), at(100)];
    const name = d === 'rules' ? 'rules per intent' : d;
    return [
      name,
      a ? µs(a.median) : 'n/a',
      b ? µs(b.median) : 'n/a',
      c ? µs(c.median) : 'n/a',
      b && c ? x(ratio(c, b)) : 'n/a',
      [a, b, c].map((r) => (r ? String(r.changes) : 'n/a')).join(' / '),
    ];
  }),
)}
`);
  for (const d of ['intents', 'slots', 'rules'] as const) {
    const b = scaling.find((r) => r.dimension === d && r.n === 10 && !r.error);
    const c = scaling.find((r) => r.dimension === d && r.n === 100 && !r.error);
    if (b && c)
      target(
        `linear in ${d === 'rules' ? 'rules per intent' : d}: 100 ÷ 10`,
        '≤ 12×',
        `${x(ratio(c, b))} (${µs(b.median)} → ${µs(c.median)})`,
        met(ratio(c, b) <= 12),
      );
  }
}

// 4. allocations
out.push('## 4. Allocations per signal\n');
if (failed(alloc)) out.push(`Failed: ${alloc.message}\n`);
else {
  out.push(`The headline setup (10 intents × 5 rules, 4 slots), warmed with 20,000 signals of each kind, then
${alloc[0]?.signals ?? 400} signals of each kind under V8's allocation tracker (inspector
\`HeapProfiler.startTrackingHeapObjects\` with \`trackAllocations\`): every object allocated while
\`client.track\` ran is counted with its stack, also those collected since, and a heap snapshot
tells which are still alive after the run (it collects garbage first). Fewer signals than the
client's history holds (500), so "alive" counts what each signal leaves behind. The tracker
routes allocations through the runtime, so the bytes are also measured without it: heap growth
over 10,000 signals with no GC in between (64 MB young generation; a GC observer confirms none
ran). "No rule" is a custom \`video-progress\` signal no evidence rule reads. Both streams give each
signal its \`at\`, which production stores as given; a signal tracked without \`at\` is stored as
one new object (history keeps it), so "alive" is 1 for it. Times are epoch milliseconds, as
\`Date.now()\` gives them: past 2^30, so V8 keeps them as heap numbers wherever it cannot keep
them unboxed (a stream dated from 1,000,000 would hide those). Allocations in the bench loop's own
frame are not counted, only those below it. A matching signal builds no belief, evidence list or
state object: the engine writes numbers and builds those when something reads them (a
\`useIntent\` reader builds one belief per change of its intent; see the renders section).

${table(
  [
    'signal',
    'objects allocated',
    'bytes allocated',
    'objects still alive after',
    'bytes still alive',
    'bytes allocated, no tracker',
  ],
  alloc.map((r) => [
    r.case === 'unmatched' ? 'matches no rule' : 'matches rules (bench stream)',
    r.allocated.toFixed(1),
    B(r.allocatedBytes),
    r.alive.toFixed(2),
    B(r.aliveBytes),
    Number.isFinite(r.untrackedBytes) ? B(r.untrackedBytes) : 'a GC ran: n/a',
  ]),
)}
`);
  out.push(`Where the objects are allocated (objects per signal, by the function on top of the stack;
names from the built package, the bench bundled with identifiers kept):

${alloc
  .map(
    (r) =>
      `- ${r.case === 'unmatched' ? 'matches no rule' : 'matches rules'}: ${r.sites.map((site) => `\`${site.fn}\` ${site.count.toFixed(1)}`).join(', ') || 'nothing'}`,
  )
  .join('\n')}
`);
  const u = alloc.find((r) => r.case === 'unmatched');
  const m = alloc.find((r) => r.case === 'matched');
  if (u)
    target(
      'a signal matching no rule: nothing outlives it',
      '0 objects alive after',
      `${u.alive.toFixed(2)} objects (${B(u.aliveBytes)}) alive, ${u.allocated.toFixed(1)} allocated (signals given their \`at\`; without it, 1 alive: the stored signal)`,
      met(u.alive < 0.01),
    );
  if (m)
    target(
      'a matching signal allocates at most 2 objects',
      '≤ 2 objects',
      `${m.allocated.toFixed(2)} objects (${B(m.allocatedBytes)}); a signal that changes a slot's decision also allocates that decision`,
      met(m.allocated <= 2),
    );
}

// 5. cold start
out.push('## 5. Cold start in chromium\n');
if (failed(cold)) out.push(`Failed: ${cold.message}\n`);
else {
  out.push(`A page with only the headline setup (\`bench/browser/cold-page.ts\`: 10 intents × 5 rules, 4 slots,
through \`intentful/core\` from \`dist/\`, bundled minified for production), loaded ${cold.pages} times,
each in a new browser context so no code cache or JIT state carries over; headless
\`/usr/bin/chromium\`. The page times its first 1,000 signals right after load, then feeds 20,000
more and times 1,000 again (warm). The page is cross-origin isolated${cold.isolated ? '' : ' (**it was not**: 100 µs resolution)'}, so
\`performance.now()\` resolves 5 µs; signals are timed in windows of ${cold.window}, and p50 / p99
are over all windows of all pages, per signal. Signals are generated before any clock starts.

${table(
  ['', 'p50 per signal', 'p99 per signal'],
  [
    ['first 1,000 signals (cold)', µs(cold.cold.p50 * 1000), µs(cold.cold.p99 * 1000)],
    ['1,000 signals after 21,000 (warm)', µs(cold.warm.p50 * 1000), µs(cold.warm.p99 * 1000)],
    ['cold ÷ warm', x(cold.cold.p50 / cold.warm.p50), x(cold.cold.p99 / cold.warm.p99)],
  ],
)}

Medians over pages: the very first signal ${µs(cold.firstUs * 1000)}; all first 1,000 signals
${cold.coldTotalMs.toFixed(1)} ms; setup before it (\`defineModel\`, \`defineSlots\`,
\`createIntentful\`, \`mount\`, 4 slots read) ${cold.setupMs.toFixed(1)} ms.
`);
  target(
    'cold start: first 1,000 signals beside warm',
    'p50 / p99 reported; gap as small as possible',
    `cold ${µs(cold.cold.p50 * 1000)} / ${µs(cold.cold.p99 * 1000)}, warm ${µs(cold.warm.p50 * 1000)} / ${µs(cold.warm.p99 * 1000)}`,
    'reported',
  );
}

// 6. renders
out.push('## 6. React re-renders\n');
if (failed(renders)) out.push(`Failed: ${renders.message}\n`);
else {
  const { signals } = renders;
  out.push(`The built package (\`dist/\`, development build: the Profiler reports nothing in production):
one \`<IntentProvider>\` (no collectors, signals through \`client.track\`), an \`<AdaptiveSlot>\` with
3 variants, and components reading \`useNextStep()\`, \`useTopIntent()\`, \`useIntent(id, select)\`
and, for contrast, \`useIntent(id)\`, each in its own \`<Profiler>\`; jsdom, one \`act()\` per
signal, the client's decay timers on a fake clock (\`bench/renders.tsx\`). Two streams:
${signals.changing} signals where steps, the top intent, the slot and the selected value change, then
${signals.steady} signals that move beliefs but change none of them. Each cell is renders / expected,
where expected counts the changes of what the component reads, observed through the client
outside React.

\`\`\`
${rendersTable(renders)}
\`\`\`
`);
  const cells = renders.rows.flatMap((r) => [r.mount, r.changing, r.steady]);
  const equal = cells.filter((c) => c.expected === c.renders).length;
  const quiet = renders.rows
    .filter((r) => !r.component.includes('contrast'))
    .reduce((n, r) => n + r.steady.renders, 0);
  target(
    're-renders exact',
    'renders = changes of what each component reads',
    `${equal} of ${cells.length} cells equal; ${quiet} renders of the selecting components over ${signals.steady} signals that change nothing they read`,
    met(equal === cells.length),
  );
}

// 7. storefront
out.push('## 7. Storefront session in chromium, with and without intentful\n');
if (failed(browser)) out.push(`Failed: ${browser.message}\n`);
else {
  const w = browser.filter((r) => r.variant === 'with');
  const wo = browser.filter((r) => r.variant === 'without');
  const med = (rows: BrowserRun[], f: (r: BrowserRun) => number) => summarize(rows.map(f)).median;
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const fields: [string, (r: BrowserRun) => number, (v: number) => string][] = [
    ['scripting during the session (ScriptDuration)', (r) => r.scriptMs, ms],
    ['all main-thread tasks during the session (TaskDuration)', (r) => r.taskMs, ms],
    ['scripting while loading (parse, first render)', (r) => r.loadScriptMs, ms],
    ['long tasks (> 50 ms) during the session', (r) => r.longTasks, String],
    ['cumulative layout shift (no recent input)', (r) => r.cls, (v) => v.toFixed(4)],
    ['all layout shift, also right after input', (r) => r.shiftAll, (v) => v.toFixed(4)],
    ['signals collected', (r) => r.signals, String],
    ['slot variant switches on screen', (r) => r.switches, String],
  ];
  out.push(`A small storefront (\`bench/browser/\`: a promo slot above everything, home hero, product assist and
cart banner slots, 8–24 product cards) bundled with esbuild (minified, production, React bundled,
intentful from \`dist/\`). "with" wraps it in \`<IntentProvider>\` with every collector on and renders
the four slots as \`<AdaptiveSlot>\`s; "without" renders the standard text. The same scripted
shopper (playwright-core) runs ${w.length} times on each, alternating; medians; CDP
\`Performance.getMetrics\` before and after the session. Playwright's own work runs in the page too
and is the same in both, so the difference is the honest figure.

${table(
  [`median of ${w.length} sessions`, 'with intentful', 'without', 'difference'],
  fields.map(([name, f, fmt]) => [
    name,
    fmt(med(w, f)),
    fmt(med(wo, f)),
    fmt(med(w, f) - med(wo, f)),
  ]),
)}
`);
  const shift = Math.max(...w.map((r) => r.shiftAll));
  target('layout shift from slot decisions (brief)', '0', shift.toFixed(4), met(shift === 0));
}

// 8. memory
out.push('## 8. Memory in a long session\n');
if (failed(memory)) out.push(`Failed: ${memory.message}\n`);
else {
  const at = (n: number) => memory.find((r) => r.signals === n)?.heapUsed ?? Number.NaN;
  const last = memory[memory.length - 1]!;
  const growth = last.heapUsed - at(10_000);
  out.push(`The client with 4 slots (as in section 2), fed ${last.signals.toLocaleString('en')} signals generated in chunks
on the fly; \`heapUsed\` after four \`global.gc()\` passes (\`node --expose-gc\`).

${table(
  ['signals', 'heap used'],
  memory.map((r) => [r.signals.toLocaleString('en'), `${(r.heapUsed / 1048576).toFixed(2)} MB`]),
)}
`);
  target(
    `heap bounded at ${last.signals.toLocaleString('en')} signals`,
    'growth from 10k signals ≤ 1 MB',
    `${(growth / 1048576).toFixed(2)} MB`,
    met(growth <= 1048576),
  );
}

out.splice(
  1,
  0,
  `## Targets (issue #13)\n\n${table(['target', 'goal', 'measured in this run', 'status'], targets)}\n`,
);
out.push(`---\n\nRun took ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);

writeFileSync(resolve(rootDir, 'BENCHMARKS.md'), out.join('\n'));
process.stderr.write('bench: wrote BENCHMARKS.md\n');

// The README's section quotes the same run, so its figures never drift from BENCHMARKS.md.
const readmePath = resolve(rootDir, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const begin = readme.indexOf('\n## Benchmarks\n');
const end = begin === -1 ? -1 : readme.indexOf('\n## ', begin + 1);
if (begin === -1 || end === -1)
  process.stderr.write('bench: README has no "## Benchmarks" section\n');
else {
  const section = `
## Benchmarks

<!-- Written by \`npm run bench:all\` (bench/all.ts) from the run that wrote BENCHMARKS.md. -->

\`npm run bench:all\` measures intentful from its built package (\`dist/\`, bundled as an app bundles it)
beside Uniform Context and GrowthBook (and, for size, Ninetailed, Statsig and LaunchDarkly), every
SDK bundled the same way and timed in one process on one stream, and writes
[BENCHMARKS.md](BENCHMARKS.md) with the method, the machine and the command for each figure. Run on
${new Date(started).toISOString().slice(0, 10)} on ${cpus().length} shared cores (load average ${loadStart} at the start),
so read ratios from the same run rather than absolute times. The targets of the lean-core issue,
as measured in that run:

${table(['target', 'goal', 'measured', 'status'], targets)}

Shapes: **minimal** is \`defineModel\` + \`createIntentful\` + \`<IntentProvider>\` + one
\`<AdaptiveSlot>\` with two \`<Variant>\`s + \`useIntent\`; **README** adds \`collectors()\`,
\`persistence()\`, \`useNextStep\` and \`<WhyThis>\`. ${SHAPE_FEATURES} \`npm run size\` enforces their current
ceilings, and \`node scripts/size-breakdown.mjs minimal\` shows what each file adds.
`;
  writeFileSync(readmePath, readme.slice(0, begin) + section + readme.slice(end));
  process.stderr.write('bench: rewrote the README Benchmarks section\n');
}
