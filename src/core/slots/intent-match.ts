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
      for (const b of ctx.ranked()) {
        if (b.confidence < threshold) break;
        const variant = slot.ids.find((v) => slot.variants[v]?.intents?.includes(b.intent));
        if (variant === undefined) continue;
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
