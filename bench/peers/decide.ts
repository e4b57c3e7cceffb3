/**
 * Per-signal decision cost: the same deterministic stream fed to intentful (ingest + beliefs +
 * decisions for 4 slots) and to the peers that decide locally. CPU time of this process over
 * batches, since one event is below the timer's resolution and wall time on a shared machine
 * counts other people's work. Run: npx tsx bench/peers/decide.ts
 */
import { GrowthBook } from '@growthbook/growthbook';
import { Context, type ManifestV2 } from '@uniformdev/context';
import type { SignalInput } from 'intentful/core';
import {
  type DecideRow,
  decisionsTable,
  engineOnly,
  intentful,
  leanIntentMatch,
  SLOTS,
  servedBy,
} from '../decisions';
import { isMain, type Summary, summarize, versionOf, wantsJson } from '../lib';
import { benchModel, signalStream } from '../stream';

const EVENTS = 10_000;
const BATCH = 250;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const WARMUP = 3;

const stream = signalStream(EVENTS);

function perEventNs(from: number, to: number, t0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(t0);
  return ((d.user + d.system) * 1000) / (to - from);
}

type Make = () => {
  step(s: SignalInput): void | Promise<void>;
  changes(): number;
  done?(): void;
};

/** One fresh instance over the whole stream; CPU time per event of each batch. */
async function pass(make: Make): Promise<{ samples: number[]; changes: number }> {
  const inst = make();
  const samples: number[] = [];
  for (let from = 0; from < EVENTS; from += BATCH) {
    const to = Math.min(EVENTS, from + BATCH);
    const t0 = process.cpuUsage();
    for (let i = from; i < to; i++) {
      const p = inst.step(stream[i]!);
      if (p) await p;
    }
    samples.push(perEventNs(from, to, t0));
  }
  inst.done?.();
  return { samples, changes: inst.changes() };
}

// The bench model (10 intents × 5 evidence rules) in Uniform's terms: one signal per rule,
// one aggregate dimension per intent, negative rules as subtracted inputs.
function uniformManifest(): ManifestV2 {
  const model = benchModel();
  const sig: NonNullable<NonNullable<ManifestV2['project']['pz']>['sig']> = {};
  const agg: NonNullable<NonNullable<ManifestV2['project']['pz']>['agg']> = {};
  model.intents.forEach((intent) => {
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
  });
  return { project: { pz: { sig, agg } } };
}

function uniform() {
  const manifest = uniformManifest();
  const variations = SLOTS.map((_, s) => [
    { id: 'a', pz: { crit: [{ l: servedBy(s, 1), op: '>' as const, r: 60 }] } },
    { id: 'b', pz: { crit: [{ l: servedBy(s, 2), op: '>' as const, r: 60 }] } },
    { id: 'standard' },
  ]);
  return () => {
    const context = new Context({ manifest, defaultConsent: false });
    const last = SLOTS.map(() => '');
    let changes = 0;
    return {
      async step(signal: SignalInput) {
        const page = signal.data?.pageType;
        await context.update({
          events: [{ event: `${signal.type}:${signal.target ?? ''}` }],
          url: new URL(`https://shop.example/${typeof page === 'string' ? page : ''}`),
        });
        SLOTS.forEach((name, s) => {
          const chosen =
            context.personalize({ name, variations: variations[s]! }).variations[0]?.id ?? '';
          if (chosen !== last[s]) {
            changes++;
            last[s] = chosen;
          }
        });
      },
      changes: () => changes,
    };
  };
}

// GrowthBook has no scoring: the app keeps counts per signal kind and targets on them, which is
// how its docs suggest personalizing on behaviour.
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

function growthbook() {
  const features = Object.fromEntries(
    SLOTS.map((name, s) => [
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
  // GrowthBook copies the attributes on every evaluation, so only the counts its rules read are
  // kept, as a careful app would: the cheapest fair setup for it.
  const counted = new Set(COUNTED);
  return () => {
    const gb = new GrowthBook({ features, attributes: { id: 'bench' } });
    let attributes: Record<string, string | number> = { id: 'bench' };
    const last = SLOTS.map(() => '');
    let changes = 0;
    return {
      async step(signal: SignalInput) {
        const kind = `${signal.type}:${signal.target ?? ''}`;
        const key = `n:${kind}`;
        const page = signal.data?.pageType;
        attributes = {
          ...attributes,
          ...(counted.has(kind) && { [key]: ((attributes[key] as number | undefined) ?? 0) + 1 }),
          pageType: typeof page === 'string' ? page : '',
        };
        await gb.setAttributes(attributes);
        SLOTS.forEach((name, s) => {
          const chosen = String(gb.evalFeature(name).value);
          if (chosen !== last[s]) {
            changes++;
            last[s] = chosen;
          }
        });
      },
      changes: () => changes,
    };
  };
}

export async function measureDecisions(): Promise<DecideRow[]> {
  const own = versionOf('../');
  const configs: { library: string; version: string; setup: string; make: Make }[] = [
    {
      library: 'intentful',
      version: own,
      setup:
        '`client.track` → beliefs → hub decides 4 intent-match slots, read by `slot(id).get()`',
      make: intentful({}),
    },
    {
      library: 'intentful',
      version: own,
      setup: 'same, one slot on JSON rules (pageType + intent; re-decided on every signal)',
      make: intentful({ withRules: true }),
    },
    {
      library: 'intentful',
      version: own,
      setup: 'engine only (internal, no client): `track` → beliefs → publish, no slots',
      make: engineOnly(),
    },
    {
      library: 'intentful',
      version: own,
      setup: 'client, a bench-only policy reading just the served intents (see below)',
      make: intentful({ policy: leanIntentMatch() }),
    },
    {
      library: 'Uniform Context',
      version: versionOf('@uniformdev/context'),
      setup: '`await update({ events, url })` + 4 × `personalize` (50 signals, 10 aggregates)',
      make: uniform(),
    },
    {
      library: 'GrowthBook',
      version: versionOf('@growthbook/growthbook'),
      setup:
        '`await setAttributes(counts)` + 4 × `evalFeature` (2 targeting rules each, 10 attributes)',
      make: growthbook(),
    },
  ];
  const samples = configs.map((): number[] => []);
  const changes = configs.map(() => 0);
  const errors = configs.map((): string | null => null);
  // Round-robin, so a burst of load from other work on the machine hits every library alike,
  // starting one further each round so no library always pays for the garbage of the one before
  // it. (Forcing a GC between passes instead also flushes compiled code and skews every row.)
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < configs.length; k++) {
      const c = (k + r) % configs.length;
      if (errors[c]) continue;
      try {
        const p = await pass(configs[c]!.make);
        if (r >= WARMUP) samples[c]!.push(...p.samples);
        changes[c] = p.changes;
      } catch (error) {
        errors[c] = String(error).split('\n')[0] ?? 'failed';
      }
    }
  }
  return configs.map((c, i) => {
    const s: Summary = errors[i] ? { median: Number.NaN, p99: Number.NaN } : summarize(samples[i]!);
    return {
      library: c.library,
      version: c.version,
      setup: errors[i] ? `${c.setup} — failed: ${errors[i]}` : c.setup,
      median: s.median,
      p99: s.p99,
      changes: changes[i]!,
    };
  });
}

if (isMain(import.meta.url)) {
  const rows = await measureDecisions();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else console.log(decisionsTable(rows));
}
