import {
  createIntentful,
  defineSlots,
  type Intentful,
  type Policy,
  type SignalInput,
} from 'intentful/core';
// Not public: the engine-only row measures the engine without the client around it.
import { createIntentEngine } from '../src/core/engine';
import { table, us } from './lib';
import { benchModel } from './stream';

/** One row of the per-signal table (here, so the root typecheck never needs the peers' types). */
export interface DecideRow {
  library: string;
  version: string;
  setup: string;
  median: number;
  p99: number;
  /** Decision changes over the stream, all slots together (sanity: every library decides). */
  changes: number;
}

/** The four slots every library decides in the benchmarks: 3 variants each, served intents. */
export const SLOTS = ['hero', 'shipping-banner', 'size-help', 'checkout-nudge'] as const;

/** Slot `s` serves intents 3s..3s+1 with its two non-default variants (intent-9 serves none). */
export const servedBy = (slot: number, variant: 1 | 2): string =>
  `intent-${slot * 2 + variant - 1}`;

export function slotDefinitions(withRules: boolean, policy?: Policy) {
  const defs: Record<
    string,
    {
      variants: Record<string, { intents?: string[] }>;
      policy?: Policy;
      rules?: { variant: string; when: Record<string, unknown> }[];
    }
  > = {};
  SLOTS.forEach((id, s) => {
    defs[id] = {
      variants: {
        standard: {},
        a: { intents: [servedBy(s, 1)] },
        b: { intents: [servedBy(s, 2)] },
      },
      ...(policy && { policy }),
    };
  });
  if (withRules) {
    // What a product team writes in JSON: "on a product page, when intent-6 is likely, show a".
    defs['checkout-nudge'] = {
      ...defs['checkout-nudge']!,
      rules: [
        { variant: 'a', when: { pageType: 'product', intent: { id: 'intent-6', min: 0.6 } } },
        { variant: 'b', when: { intent: { id: 'intent-7', min: 0.6 } } },
      ],
    };
  }
  return defineSlots(defs);
}

export interface IntentfulSetup {
  client: Intentful;
  /** Decision changes the slots read (`client.slot(id).get()` after a notification), per slot. */
  changes: number[];
  setNow(t: number): void;
  /** Unmounts the client (its timers would otherwise keep node alive). */
  dispose(): void;
}

/**
 * The client an app builds (`createIntentful`), mounted as `<IntentProvider>` mounts it, with
 * four slots read the way four mounted `<AdaptiveSlot>`s read them: `client.slot(id).get()` once
 * on mount and again on every notification, exposed at once (on screen) and after every switch.
 * No React: its rendering is measured in renders.tsx, not here.
 */
export function intentfulSetup(
  options: { withRules?: boolean; policy?: Policy } = {},
  start = 0,
): IntentfulSetup {
  let now = start;
  const client = createIntentful({
    model: benchModel(),
    clock: () => now,
    slots: slotDefinitions(options.withRules ?? false, options.policy),
    unitId: 'bench',
  });
  client.mount();
  const changes = SLOTS.map(() => 0);
  SLOTS.forEach((id, i) => {
    const c = client.slot(id);
    let shown = c.get();
    c.expose();
    c.subscribe(() => {
      const d = c.get();
      if (d === shown) return;
      shown = d;
      changes[i]!++;
      c.expose();
    });
  });
  return {
    client,
    changes,
    setNow: (t) => {
      now = t;
    },
    dispose: () => client.unmount(),
  };
}

/**
 * The first prototype of the hub fix, kept as a comparison row: it reads only the served intents
 * and builds no explanation, but declares no `reads`, so the hub cannot tell which beliefs it
 * depends on and re-decides it on every publish, as it does for any custom policy without
 * `reads`. `intentMatch()` now declares them.
 */
export function leanIntentMatch(threshold = 0.6): Policy {
  return {
    name: 'intent-match',
    decide(slot, ctx) {
      let best: { variant: string; intent: string; confidence: number } | null = null;
      const beliefs = ctx.state.beliefs;
      for (const v of slot.ids) {
        for (const intent of slot.variants[v]?.intents ?? []) {
          const c = beliefs[intent]?.confidence ?? 0;
          if (c >= threshold && (best === null || c > best.confidence))
            best = { variant: v, intent, confidence: c };
        }
      }
      if (best === null)
        return { variant: slot.fallback, intent: null, reason: 'The standard version.' };
      return { variant: best.variant, intent: best.intent, reason: `Shown for ${best.intent}.` };
    },
  };
}

export function decisionsTable(rows: readonly DecideRow[]): string {
  const fastestPeer = Math.min(
    ...rows
      .filter((r) => r.library !== 'intentful' && Number.isFinite(r.median))
      .map((r) => r.median),
  );
  return table(
    [
      'library',
      'what runs per event',
      'median / event',
      'p99 / event',
      'fastest peer ÷ this',
      'decision changes',
    ],
    rows.map((r) => [
      `${r.library} ${r.version}`,
      r.setup,
      us(r.median),
      us(r.p99),
      Number.isFinite(r.median) ? `${(fastestPeer / r.median).toFixed(2)}×` : 'n/a',
      String(r.changes),
    ]),
  );
}

/** One fresh instance fed the stream a signal at a time, with its decision changes so far. */
export interface Run {
  step(signal: SignalInput): void;
  changes(): number;
  /** Stops what the instance started (timers); called after its pass. */
  done?(): void;
}

/** The engine alone (internal, no client) with one store subscriber: no slots. */
export const engineOnly = (): (() => Run) => () => {
  let now = 0;
  const engine = createIntentEngine({ model: benchModel(), clock: () => now });
  engine.store.subscribe(() => {});
  return {
    step(signal) {
      now = signal.at!;
      engine.track(signal);
    },
    changes: () => 0,
  };
};

/** What an app runs: `client.track` into the client `intentfulSetup` builds, four slots read. */
export const intentful =
  (options: Parameters<typeof intentfulSetup>[0]): (() => Run) =>
  () => {
    const s = intentfulSetup(options);
    return {
      step(signal) {
        s.setNow(signal.at!);
        s.client.track(signal);
      },
      changes: () => s.changes.reduce((a, b) => a + b, 0),
      done: s.dispose,
    };
  };
