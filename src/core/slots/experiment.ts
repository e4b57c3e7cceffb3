import { featuresOf, units, withFeatures } from './features';
import { bucketOf } from './hash';
import { say } from './say';
import type { Assignment, Policy, PolicyAnswer, PolicyContext, ResolvedSlot } from './types';

export interface HoldoutOptions {
  /** Share of units that see the fallback, in [0, 1). @defaultValue `0.1` */
  share?: number;
  /** Change it to reshuffle units. @defaultValue `'holdout'` */
  salt?: string;
}

export interface ExperimentOptions extends HoldoutOptions {
  /** Relative weights per variant; variants left out get none. @defaultValue equal weights for every variant */
  weights?: { readonly [variant: string]: number };
  /** Keep a unit's first assignment in storage (when consent allows), even if weights change later. @defaultValue `true` */
  sticky?: boolean;
  /** Shown in decisions and events. @defaultValue `'experiment'` */
  name?: string;
}

function holdoutAnswer(
  slot: ResolvedSlot,
  assignment: Assignment,
  ctx: PolicyContext,
): PolicyAnswer {
  return {
    variant: slot.fallback,
    reason: say(ctx).holdout,
    evidence: [{ label: 'holdout group', value: assignment.bucket, internal: true }],
    assignment,
  };
}

const experimentFeatures = { units };

/**
 * Deterministic assignment: the hash of a stable anonymous unit id, the slot and a salt picks
 * a variant by weight. A holdout share sees the fallback, so lift over the generalized
 * experience can be measured.
 */
export function experiment(options: ExperimentOptions = {}): Policy {
  const share = options.share ?? 0.1;
  const salt = options.salt ?? 'experiment';
  const sticky = options.sticky ?? true;
  return withFeatures(
    {
      name: options.name ?? 'experiment',
      // Assignment depends on the unit alone: no belief change can move it.
      reads: () => [],
      decide(slot, ctx) {
        const unit = ctx.unit;
        if (unit === null) return { variant: slot.fallback, reason: say(ctx).notYetAssigned };
        const key = `intentful:x:${slot.id}:${salt}`;
        let saved: string | null | undefined = null;
        try {
          if (sticky) saved = ctx.storage?.getItem(key);
        } catch {
          // Unreadable storage: the hash alone still gives the same answer for this unit.
        }
        const bucket = bucketOf(unit, slot.id, salt);
        const base = { unit, bucket, salt };
        if (saved === '\u0000holdout')
          return holdoutAnswer(slot, { ...base, holdout: true, sticky: true }, ctx);
        if (saved && Object.hasOwn(slot.variants, saved) && (options.weights?.[saved] ?? 1) > 0) {
          return {
            variant: saved,
            reason: say(ctx).testKept,
            assignment: { ...base, holdout: false, sticky: true },
          };
        }
        const remember = (value: string): void => {
          try {
            if (sticky) ctx.storage?.setItem(key, value);
          } catch {
            // Full or blocked storage: assignment stays deterministic from the hash anyway.
          }
        };
        if (bucket < share) {
          remember('\u0000holdout');
          return holdoutAnswer(slot, { ...base, holdout: true }, ctx);
        }
        const arms = slot.ids.filter((v) =>
          options.weights ? (options.weights[v] ?? 0) > 0 : true,
        );
        const total = arms.reduce((sum, v) => sum + (options.weights?.[v] ?? 1), 0);
        let point = ((bucket - share) / (1 - share)) * total;
        let variant = arms[arms.length - 1] ?? slot.fallback;
        for (const v of arms) {
          point -= options.weights?.[v] ?? 1;
          if (point < 0) {
            variant = v;
            break;
          }
        }
        remember(variant);
        return {
          variant,
          reason: say(ctx).testGroup,
          evidence: [{ label: `test group ${variant}`, value: bucket, internal: true }],
          assignment: { ...base, holdout: false },
        };
      },
    },
    experimentFeatures,
  );
}

/** Wraps any policy so a holdout share of units always sees the fallback. */
export function withHoldout(policy: Policy, options: HoldoutOptions = {}): Policy {
  const share = options.share ?? 0.1;
  const salt = options.salt ?? 'holdout';
  // Held out (or unassigned) units always see the fallback: time changes nothing for them.
  const held = (slot: ResolvedSlot, ctx: PolicyContext): boolean =>
    ctx.unit === null || bucketOf(ctx.unit, slot.id, salt) < share;
  const next = policy.nextChangeAt;
  return withFeatures(
    {
      name: policy.name,
      ...(policy.watchesSignals !== undefined && { watchesSignals: policy.watchesSignals }),
      ...(policy.learn && { learn: policy.learn.bind(policy) }),
      ...(policy.reads && { reads: policy.reads.bind(policy) }),
      ...(next && {
        nextChangeAt: (slot, ctx) => (held(slot, ctx) ? null : next.call(policy, slot, ctx)),
      }),
      decide(slot: ResolvedSlot, ctx: PolicyContext): PolicyAnswer {
        if (ctx.unit === null) return { variant: slot.fallback, reason: say(ctx).notYetAssigned };
        const bucket = bucketOf(ctx.unit, slot.id, salt);
        const assignment = { unit: ctx.unit, bucket, salt, holdout: bucket < share };
        if (assignment.holdout) return holdoutAnswer(slot, assignment, ctx);
        const inner = policy.decide(slot, ctx);
        return inner.assignment ? inner : { ...inner, assignment };
      },
    },
    // The wrapped policy's own needs, and the unit a holdout is drawn by.
    { ...featuresOf(policy), units },
  );
}
