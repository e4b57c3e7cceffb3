/**
 * intentful set up as an app sets it up, through its public framework-free entry only
 * (`intentful/core`, taken from the built `dist/`): the shapes every timing, allocation and
 * memory figure runs.
 */
import type { Intentful, SignalInput } from 'intentful/core';
import { benchModel, type Lib, type ModelShape } from './stream';

/** One instance fed the stream a signal at a time, with the decision changes it made so far. */
export interface Run {
  /** `i` is the signal's index in the stream, for inputs the app prepared before timing. */
  step(signal: SignalInput, i: number): void | Promise<void>;
  changes(): number;
  /** Stops what the instance started (timers); called after its pass. */
  done?(): void;
}

export interface Shape extends ModelShape {
  /** Slots read as mounted `<AdaptiveSlot>`s read them. @defaultValue 4 */
  slots?: number;
  /** The last slot decides on JSON rules (pageType + intent) instead of intent match. */
  withRules?: boolean;
}

/** The four slots of the headline figure; larger shapes add `slot-4`, `slot-5`, … */
export const SLOT_NAMES = ['hero', 'shipping-banner', 'size-help', 'checkout-nudge'] as const;
export const slotName = (s: number): string => SLOT_NAMES[s] ?? `slot-${s}`;

/** Slot `s` serves two intents with its two non-default variants (wrapping in small models). */
export const servedBy = (slot: number, variant: 1 | 2, intents = 10): string =>
  `intent-${(slot * 2 + variant - 1) % intents}`;

export function slotDefinitions(lib: Lib, shape: Shape) {
  const count = shape.slots ?? 4;
  const intents = shape.intents ?? 10;
  const defs: Record<
    string,
    {
      variants: Record<string, { intents?: string[] }>;
      rules?: { variant: string; when: Record<string, unknown> }[];
    }
  > = {};
  for (let s = 0; s < count; s++) {
    defs[slotName(s)] = {
      variants: {
        standard: {},
        a: { intents: [servedBy(s, 1, intents)] },
        b: { intents: [servedBy(s, 2, intents)] },
      },
    };
  }
  if (shape.withRules && count > 0) {
    // What a product team writes in JSON: "on a product page, when intent-6 is likely, show a".
    const last = slotName(count - 1);
    defs[last] = {
      ...defs[last]!,
      rules: [
        {
          variant: 'a',
          when: { pageType: 'product', intent: { id: `intent-${6 % intents}`, min: 0.6 } },
        },
        { variant: 'b', when: { intent: { id: `intent-${7 % intents}`, min: 0.6 } } },
      ],
    };
  }
  return lib.defineSlots(defs);
}

export interface Setup {
  client: Intentful;
  /** Decision changes the slots read (`client.slot(id).get()` after a notification), all slots. */
  changes(): number;
  setNow(t: number): void;
  /** Unmounts the client (its timers would otherwise keep node alive). */
  dispose(): void;
}

/**
 * The client an app builds (`createIntentful`), mounted as `<IntentProvider>` mounts it, with
 * `slots` slots read the way mounted `<AdaptiveSlot>`s read them: `client.slot(id).get()` on mount
 * and on every notification, exposed at once (on screen) and after every switch. With no slots,
 * one store subscriber stands for a `useIntent` reader. No React here: renders.tsx measures it.
 */
export function setup(lib: Lib, shape: Shape = {}, start = 0): Setup {
  let now = start;
  const slots = shape.slots ?? 4;
  const client = lib.createIntentful({
    model: benchModel(lib, shape),
    clock: () => now,
    ...(slots > 0 && { slots: slotDefinitions(lib, shape) }),
    unitId: 'bench',
  });
  client.mount();
  let changes = 0;
  if (slots === 0) client.subscribe(() => {});
  for (let s = 0; s < slots; s++) {
    const c = client.slot(slotName(s));
    let shown = c.get();
    c.expose();
    c.subscribe(() => {
      const d = c.get();
      if (d === shown) return;
      shown = d;
      changes++;
      c.expose();
    });
  }
  return {
    client,
    changes: () => changes,
    // A method, so its name survives minification: the alloc bench leaves it out as bookkeeping.
    setNow(t) {
      now = t;
    },
    dispose: () => client.unmount(),
  };
}

/** A fresh `setup` per pass, fed through `client.track` with the clock at the signal's time. */
export const intentfulRun =
  (lib: Lib, shape: Shape = {}): (() => Run) =>
  () => {
    const s = setup(lib, shape);
    return {
      step(signal) {
        s.setNow(signal.at!);
        s.client.track(signal);
      },
      changes: s.changes,
      done: s.dispose,
    };
  };
