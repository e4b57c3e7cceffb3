import type { Belief } from '../engine';
import type { Choice, Policy, PolicyContext, ResolvedSlot } from './types';

const pct = (p: number): string => `${Math.round(p * 100)}%`;

export interface IntentMatchOptions {
  /** Confidence the intent needs before its variant is shown. @defaultValue `0.6` */
  threshold?: number;
}

/** The variant serving the most confident intent above the threshold, else the fallback. */
export function intentMatch(options: IntentMatchOptions = {}): Policy {
  const threshold = options.threshold ?? 0.6;
  return {
    name: 'intent-match',
    decide(slot: ResolvedSlot, ctx: PolicyContext): Choice {
      // One pass instead of a sort: this runs on every belief change of every mounted slot.
      let best: Belief | null = null;
      let variant: string | undefined;
      const beliefs = ctx.state.beliefs;
      for (const id in beliefs) {
        const b = beliefs[id]!;
        if (b.confidence < threshold || (best !== null && b.confidence <= best.confidence))
          continue;
        const v = slot.ids.find((x) => slot.variants[x]?.intents?.includes(b.intent));
        if (v === undefined) continue;
        best = b;
        variant = v;
      }
      if (best !== null && variant !== undefined) {
        const prev = ctx.previous;
        // The reason that put this variant on screen stays its explanation while it is shown.
        if (prev && prev.variant === variant && prev.intent === best.intent)
          return { variant, intent: best.intent, reason: prev.reason, evidence: prev.evidence };
        const b = best;
        const because = b.evidence
          .filter((e) => e.contribution > 0)
          .slice(0, 3)
          .map((e) => ({
            label: e.count > 1 ? `${e.label} ×${e.count}` : e.label,
            value: e.contribution,
            at: e.lastAt,
          }));
        return {
          variant,
          intent: b.intent,
          reason:
            b.declared === true
              ? `Shown because you told us: ${b.label}.`
              : `Shown because you seem to be ${b.label} (${pct(b.confidence)} sure)${
                  because.length ? `: ${because.map((e) => e.label).join(', ')}` : ''
                }.`,
          evidence: [{ label: b.label, value: b.confidence }, ...because],
        };
      }
      return {
        variant: slot.fallback,
        intent: null,
        reason: 'The standard version: nothing specific stood out yet.',
      };
    },
  };
}
