/**
 * Per-signal decision cost: one deterministic stream fed, one event at a time, to intentful and
 * to the peers that decide locally, in one process, taking turns. Everything runs as an app ships
 * it: this script is bundled (esbuild, minified, production) with intentful from `dist/` and the
 * peers from their published builds. The unbundled rows load the same packages through node
 * (`import()` of the installed package, `NODE_ENV=production` read at run time), as SSR, a Node
 * replay or a test runner do. The app's bookkeeping (GrowthBook's counts, Uniform's `URL`s) is
 * done before the clock starts, for every library alike.
 * Run: npx tsx bench/run.ts peers/decide.ts
 */
import * as growthbookBundled from '@growthbook/growthbook';
import type { ManifestV2 } from '@uniformdev/context';
import * as uniformBundled from '@uniformdev/context';
import type { SignalInput } from 'intentful/core';
import * as intentfulBundled from 'intentful/core';
import { intentfulRun, type Run, SLOT_NAMES, servedBy } from '../intentful';
import { type DecideRow, isMain, roundRobin, rowOf, versionOf, wantsJson } from '../lib';
import { benchModel, type Lib, signalStream } from '../stream';

const EVENTS = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 16);
const WARMUP = 3;

type Growthbook = typeof import('@growthbook/growthbook');
type Uniform = typeof import('@uniformdev/context');

// Not string literals, so esbuild leaves these imports to node: the packages as installed.
const installed = {
  intentful: 'intentful/core',
  growthbook: '@growthbook/growthbook',
  uniform: '@uniformdev/context',
};

// The bench model (10 intents × 5 evidence rules) in Uniform's terms: one signal per rule,
// one aggregate dimension per intent, negative rules as subtracted inputs.
function uniformManifest(): ManifestV2 {
  const model = benchModel(intentfulBundled);
  const sig: NonNullable<NonNullable<ManifestV2['project']['pz']>['sig']> = {};
  const agg: NonNullable<NonNullable<ManifestV2['project']['pz']>['agg']> = {};
  for (const intent of model.intents) {
    const inputs: { dim: string; sign: '+' | '-' }[] = [];
    intent.rules.forEach((rule, r) => {
      const when = rule.rule.when;
      const type = typeof when.type === 'string' ? when.type : String(when.type[0]);
      const target = typeof when.target === 'string' ? when.target : undefined;
      const page = when.data?.pageType;
      const id = `${intent.id}-r${r}`;
      const weight = typeof rule.rule.weight === 'number' ? rule.rule.weight : 0.2;
      const clauses: { type: 'EVT' | 'PV'; event?: unknown; path?: unknown }[] = [
        target === undefined
          ? { type: 'EVT', event: { op: '~', rhs: `${type}:` } }
          : { type: 'EVT', event: { op: '=', rhs: `${type}:${target}` } },
      ];
      if (typeof page === 'string')
        clauses.push({ type: 'PV', path: { op: '=', rhs: `/${page}` } });
      sig[id] = {
        str: Math.round(Math.abs(weight) * 100),
        cap: Math.round((rule.rule.maxContribution ?? 4) * 100),
        dur: 's',
        crit: { type: 'G', op: '&', clauses } as never,
      };
      inputs.push({ dim: id, sign: weight < 0 ? '-' : '+' });
    });
    agg[intent.id] = { inputs };
  }
  return { project: { pz: { sig, agg } } };
}

/** What the app hands Uniform per event, built before timing: the event and the page URL. */
function uniformInputs(stream: readonly SignalInput[]) {
  return stream.map((signal) => {
    const page = signal.data?.pageType;
    return {
      events: [{ event: `${signal.type}:${signal.target ?? ''}` }],
      url: new URL(`https://shop.example/${typeof page === 'string' ? page : ''}`),
    };
  });
}

function uniform(lib: Uniform, stream: readonly SignalInput[]): () => Run {
  const manifest = uniformManifest();
  const inputs = uniformInputs(stream);
  const variations = SLOT_NAMES.map((_, s) => [
    { id: 'a', pz: { crit: [{ l: servedBy(s, 1), op: '>' as const, r: 60 }] } },
    { id: 'b', pz: { crit: [{ l: servedBy(s, 2), op: '>' as const, r: 60 }] } },
    { id: 'standard' },
  ]);
  return () => {
    const context = new lib.Context({ manifest, defaultConsent: false });
    const last = SLOT_NAMES.map(() => '');
    let changes = 0;
    return {
      async step(_, i) {
        await context.update(inputs[i]!);
        for (let s = 0; s < SLOT_NAMES.length; s++) {
          const chosen =
            context.personalize({ name: SLOT_NAMES[s]!, variations: variations[s]! }).variations[0]
              ?.id ?? '';
          if (chosen !== last[s]) {
            changes++;
            last[s] = chosen;
          }
        }
      },
      changes: () => changes,
    };
  };
}

// GrowthBook has no scoring: the app keeps counts per signal kind and targets on them, which is
// how its docs suggest personalizing on behaviour. The counts its rules read, plus the page type.
const COUNTED = [
  'click:compare',
  'dwell:shipping',
  'search:sizing',
  'filter:price',
  'cart-add:reviews',
  'hesitation:returns',
  'scroll-depth:support',
  'page-view:gift-wrap',
];

/** The attributes after each event, built before timing (the app's bookkeeping, not GrowthBook's). */
function growthbookInputs(stream: readonly SignalInput[]) {
  const counted = new Set(COUNTED);
  let attributes: Record<string, string | number> = { id: 'bench' };
  return stream.map((signal) => {
    const kind = `${signal.type}:${signal.target ?? ''}`;
    const key = `n:${kind}`;
    const page = signal.data?.pageType;
    attributes = {
      ...attributes,
      ...(counted.has(kind) && { [key]: ((attributes[key] as number | undefined) ?? 0) + 1 }),
      pageType: typeof page === 'string' ? page : '',
    };
    return attributes;
  });
}

function growthbook(lib: Growthbook, stream: readonly SignalInput[]): () => Run {
  const features = Object.fromEntries(
    SLOT_NAMES.map((name, s) => [
      name,
      {
        defaultValue: 'standard',
        rules: [1, 2].map((v) => ({
          condition: {
            [`n:${COUNTED[(s * 2 + v - 1) % COUNTED.length]}`]: { $gte: 3 },
            pageType: { $ne: 'checkout' },
          },
          force: v === 1 ? 'a' : 'b',
        })),
      },
    ]),
  );
  const inputs = growthbookInputs(stream);
  return () => {
    const gb = new lib.GrowthBook({ features, attributes: { id: 'bench' } });
    const last = SLOT_NAMES.map(() => '');
    let changes = 0;
    return {
      async step(_, i) {
        await gb.setAttributes(inputs[i]!);
        for (let s = 0; s < SLOT_NAMES.length; s++) {
          const chosen = String(gb.evalFeature(SLOT_NAMES[s]!).value);
          if (chosen !== last[s]) {
            changes++;
            last[s] = chosen;
          }
        }
      },
      changes: () => changes,
    };
  };
}

export async function measureDecisions(): Promise<DecideRow[]> {
  const stream = signalStream(EVENTS);
  const own = versionOf('../');
  const intentfulNode = (await import(installed.intentful)) as Lib;
  const growthbookNode = (await import(installed.growthbook)) as Growthbook;
  const uniformNode = (await import(installed.uniform)) as Uniform;
  const ENGINE = '`client.track` → beliefs, steps, decay schedule; no slots';
  const SLOTS = '`client.track` → beliefs → 4 intent-match slots, each read by `slot(id).get()`';
  const UNIFORM = '`await update({ events, url })` + 4 × `personalize` (50 signals, 10 aggregates)';
  const GB = '`await setAttributes(counts)` + 4 × `evalFeature` (2 targeting rules each)';
  const configs: (Omit<DecideRow, 'median' | 'p99' | 'perRound' | 'changes' | 'error'> & {
    make: () => Run;
  })[] = [
    {
      id: 'engine',
      library: 'intentful',
      version: own,
      bundled: true,
      setup: ENGINE,
      make: intentfulRun(intentfulBundled, { slots: 0 }),
    },
    {
      id: 'slots',
      library: 'intentful',
      version: own,
      bundled: true,
      setup: SLOTS,
      make: intentfulRun(intentfulBundled),
    },
    {
      id: 'rules',
      library: 'intentful',
      version: own,
      bundled: true,
      setup: 'same, the 4th slot on JSON rules (pageType + intent: re-decided on every signal)',
      make: intentfulRun(intentfulBundled, { withRules: true }),
    },
    {
      id: 'uniform',
      library: 'Uniform Context',
      version: versionOf('@uniformdev/context'),
      bundled: true,
      setup: UNIFORM,
      make: uniform(uniformBundled, stream),
    },
    {
      id: 'growthbook',
      library: 'GrowthBook',
      version: versionOf('@growthbook/growthbook'),
      bundled: true,
      setup: GB,
      make: growthbook(growthbookBundled, stream),
    },
    {
      id: 'engine-node',
      library: 'intentful',
      version: own,
      bundled: false,
      setup: ENGINE,
      make: intentfulRun(intentfulNode, { slots: 0 }),
    },
    {
      id: 'slots-node',
      library: 'intentful',
      version: own,
      bundled: false,
      setup: SLOTS,
      make: intentfulRun(intentfulNode),
    },
    {
      id: 'uniform-node',
      library: 'Uniform Context',
      version: versionOf('@uniformdev/context'),
      bundled: false,
      setup: UNIFORM,
      make: uniform(uniformNode, stream),
    },
    {
      id: 'growthbook-node',
      library: 'GrowthBook',
      version: versionOf('@growthbook/growthbook'),
      bundled: false,
      setup: GB,
      make: growthbook(growthbookNode, stream),
    },
  ];
  // `BENCH_ONLY=slots,slots-node` runs a subset, alone in its process (no other library warms
  // the JIT or fills the heap in between).
  const only = process.env.BENCH_ONLY?.split(',');
  if (only) configs.splice(0, configs.length, ...configs.filter((c) => only.includes(c.id)));
  const measured = await roundRobin(
    configs.map((c) => c.make),
    stream,
    ROUNDS,
    WARMUP,
  );
  return configs.map(({ make: _, ...c }, i) => ({ ...c, ...rowOf(measured[i]!) }));
}

if (isMain(import.meta.url)) {
  const rows = await measureDecisions();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else
    for (const r of rows)
      console.log(
        `${r.id.padEnd(16)} median ${(r.median / 1000).toFixed(2)} µs  p99 ${(r.p99 / 1000).toFixed(2)} µs  changes ${r.changes}${r.error ? `  FAILED ${r.error}` : ''}`,
      );
}
