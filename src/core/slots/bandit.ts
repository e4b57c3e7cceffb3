import { units, withFeatures } from './features';
import { hash32, seededRandom } from './hash';
import { say } from './say';
import { tracking } from './tracking';
import type {
  Feedback,
  KeyValueStorage,
  Policy,
  PolicyAnswer,
  PolicyContext,
  ResolvedSlot,
} from './types';

export interface BanditOptions {
  /** Learn separately for each top intent (contextual bandit). @defaultValue `false` */
  perIntent?: boolean;
  /** Seed for the on-device random numbers. @defaultValue derived from the unit id */
  seed?: number;
  /** Variants to try. @defaultValue every variant of the slot */
  arms?: readonly string[];
  /** Shown in decisions and events; also names what is kept in storage. @defaultValue `'bandit'` */
  name?: string;
  /** Keep what was learned on the device across visits, when consent allows storage. @defaultValue `true` */
  persist?: boolean;
}

function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

// Marsaglia–Tsang; shape ≥ 1 always holds here because the prior adds 1.
function gamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function beta(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/**
 * Thompson sampling on outcomes, on the device: each variant's conversion rate is a Beta
 * posterior from its exposures and outcomes; the variant with the highest draw is shown.
 */
export function bandit(options: BanditOptions = {}): Policy {
  const stats = new Map<string, [trials: number, wins: number]>();
  let random: (() => number) | null =
    options.seed === undefined ? null : seededRandom(options.seed);
  const key = (slot: string, intent: string | null, variant: string): string =>
    `${slot}\u0000${options.perIntent ? (intent ?? '') : ''}\u0000${variant}`;
  const name = options.name ?? 'bandit';
  const storageKey = `intentful:b:${name}`;
  let storage: KeyValueStorage | null = null;
  // Loaded once, on the first decision that has storage; counts are only kept if well-formed.
  const load = (s: KeyValueStorage): void => {
    storage = s;
    try {
      const saved: unknown = JSON.parse(s.getItem(storageKey) ?? '[]');
      if (!Array.isArray(saved)) return;
      for (const entry of saved) {
        if (
          Array.isArray(entry) &&
          typeof entry[0] === 'string' &&
          Number.isInteger(entry[1]) &&
          Number.isInteger(entry[2]) &&
          !stats.has(entry[0])
        )
          stats.set(entry[0], [entry[1], Math.min(entry[1], entry[2])]);
      }
    } catch {
      // Corrupt or unreadable: start learning afresh.
    }
  };
  const save = (): void => {
    try {
      storage?.setItem(storageKey, JSON.stringify([...stats].map(([k, [t, w]]) => [k, t, w])));
    } catch {
      // Full storage: keep learning in memory.
    }
  };
  // Learns from exposures and goals: carries the tracking that records them, and the unit its
  // draws are seeded by.
  return withFeatures(
    {
      name,
      decide(slot: ResolvedSlot, ctx: PolicyContext): PolicyAnswer {
        if (storage === null && ctx.storage && options.persist !== false) load(ctx.storage);
        if (ctx.unit === null && random === null)
          return { variant: slot.fallback, reason: say(ctx).notYetAssigned };
        random ??= seededRandom(hash32(ctx.unit ?? ''));
        const intent = options.perIntent ? (ctx.state.top?.intent ?? null) : null;
        const arms = (options.arms ?? slot.ids).filter((v) => Object.hasOwn(slot.variants, v));
        let best = slot.fallback;
        let bestDraw = -1;
        let bestStats: [number, number] = [0, 0];
        for (const v of arms) {
          const s = stats.get(key(slot.id, intent, v)) ?? [0, 0];
          const draw = beta(1 + s[1], 1 + Math.max(0, s[0] - s[1]), random);
          if (draw > bestDraw) {
            bestDraw = draw;
            best = v;
            bestStats = s;
          }
        }
        return {
          variant: best,
          intent,
          // Says what the choice rests on: a handful of showings on this device is exploring.
          reason: say(ctx).learning(bestStats[0], bestStats[1]),
          evidence: [
            { label: 'shown', value: bestStats[0], internal: true },
            { label: 'worked', value: bestStats[1], internal: true },
          ],
        };
      },
      learn(f: Feedback): void {
        const k = key(f.slot, f.intent, f.variant);
        const s = stats.get(k) ?? [0, 0];
        if (f.kind === 'exposure') s[0]++;
        else s[1] = Math.min(s[0], s[1] + 1);
        stats.set(k, s);
        save();
      },
    },
    { tracking: tracking(), units },
  );
}
