import type { Belief } from '../engine';
import { coreMessages, messagesOf } from '../messages';
import type { Policy } from './types';

export interface IntentMatchOptions {
  /** Confidence the intent needs before its variant is shown. @defaultValue `0.6` */
  threshold?: number;
}

/**
 * The variant serving the most confident intent above the threshold, else the fallback. On a
 * tie the variant declared first wins. Reads only the beliefs of the intents the slot serves.
 */
export function intentMatch(options: IntentMatchOptions = {}): Policy {
  const threshold = options.threshold ?? 0.6;
  return {
    name: 'intent-match',
    reads: (slot) => slot.ids.flatMap((v) => slot.variants[v]?.intents ?? []),
    decide(slot, ctx) {
      let best: string | undefined;
      let top = threshold;
      let variant = slot.fallback;
      const { ids, variants } = slot;
      // Confidences are read without building beliefs; the state is read only for a new answer.
      const { confidence } = ctx;
      const beliefs = confidence ? undefined : ctx.state.beliefs;
      for (let j = 0; j < ids.length; j++) {
        const v = ids[j]!;
        const intents = variants[v]?.intents;
        for (let k = 0; intents && k < intents.length; k++) {
          const id = intents[k]!;
          const c = confidence ? confidence(id) : (beliefs![id]?.confidence ?? NaN);
          if (c >= top && !(best !== undefined && c === top)) {
            best = id;
            top = c;
            variant = v;
          }
        }
      }
      const m = messagesOf(ctx.messages, coreMessages);
      const prev = ctx.previous;
      // The same variant for the same intent keeps this policy's decision: only a change is
      // announced, and explanations read the live belief anyway. A decision another policy made
      // (before a switch, or one wrapping this one with an assignment) is not this policy's to keep.
      if (
        prev?.variant === variant &&
        prev.intent === (best ?? null) &&
        prev.policy === 'intent-match' &&
        !prev.assignment &&
        (best !== undefined || prev.reason === m.standard)
      )
        return prev;
      if (best === undefined) return { variant, intent: null, reason: m.standard };
      // Only the chosen intent's belief, for its label and evidence: not the whole state.
      const b = (ctx.belief?.(best) ?? ctx.state.beliefs[best]) as Belief;
      return {
        variant,
        intent: best,
        describesIntent: true,
        reason: b.declared ? m.told(b.label) : m.likely(b.label, b.confidence),
        evidence: b.evidence
          .filter((e) => e.contribution > 0)
          .slice(0, 3)
          .map((e) => ({
            label: e.count > 1 ? `${e.label} ×${e.count}` : e.label,
            value: e.contribution,
            at: e.lastAt,
            ...(!e.labelled && { internal: true }),
          })),
      };
    },
  };
}
