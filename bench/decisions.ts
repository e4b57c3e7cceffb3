import {
  createIntentEngine,
  createSlotHub,
  defineSlots,
  type IntentEngine,
  type Policy,
  type SignalInput,
  type SlotHub,
} from 'intentful/core';
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
  engine: IntentEngine;
  hub: SlotHub;
  /** Decision changes seen by the slot listeners, per slot. */
  changes: number[];
  setNow(t: number): void;
}

/**
 * The engine and slot hub wired as `<IntentProvider>` and four mounted `<AdaptiveSlot>`s wire
 * them (hub connected, one subscriber per slot, every slot visible), without React.
 */
export function intentfulSetup(
  options: { withRules?: boolean; policy?: Policy } = {},
  start = 0,
): IntentfulSetup {
  let now = start;
  const clock = () => now;
  const engine = createIntentEngine({ model: benchModel(), clock });
  const hub = createSlotHub(engine, {
    slots: slotDefinitions(options.withRules ?? false, options.policy),
    clock,
    unitId: 'bench',
  });
  hub.connect();
  const changes = SLOTS.map(() => 0);
  SLOTS.forEach((id, i) => {
    const c = hub.slot(id);
    // Mounted and on screen: seen at once, and again after every switch.
    c.expose();
    c.subscribe(() => {
      changes[i]!++;
      c.expose();
    });
  });
  return {
    engine,
    hub,
    changes,
    setNow: (t) => {
      now = t;
    },
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
}

/** The engine alone with one store subscriber: no slots. */
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

/** The engine and the slot hub deciding the four slots, as `intentfulSetup` builds them. */
export const intentful =
  (options: Parameters<typeof intentfulSetup>[0]): (() => Run) =>
  () => {
    const s = intentfulSetup(options);
    return {
      step(signal) {
        s.setNow(signal.at!);
        s.engine.track(signal);
      },
      changes: () => s.changes.reduce((a, b) => a + b, 0),
    };
  };
