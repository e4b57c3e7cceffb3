import { type Messages, pct } from './messages';
import type { CompiledIntent } from './model';
import { DISMISSED, type RuleRecord, ruleId } from './runtime';
import { decay } from './scoring';
import type { Signal } from './signal';
import type { Belief, Evidence, TrailEntry } from './types';

const evidenceText = (belief: Belief, limit: number): string =>
  belief.evidence
    .slice(0, limit)
    .map(
      ({ label, count, contribution: c }) =>
        `${label}${count > 1 ? ` ×${count}` : ''} (${c < 0 ? '−' : '+'}${Math.abs(c).toFixed(2)})`,
    )
    .join(', ');

/** "compare 82%: clicked compare ×2 (+2.40), viewed a product (+0.30)". */
export function explainBelief(belief: Belief, limit = 3): string {
  const { label, declared } = belief;
  return declared !== null
    ? `${label}: ${declared ? 'yes' : 'no'}, as the user said`
    : `${label} ${pct(belief.confidence)}: ${evidenceText(belief, limit) || 'no evidence yet'}`;
}

/** Labels of the evidence for a belief that the model worded for people, strongest first. */
export const plainEvidence = (belief: Belief, limit = 3): string[] =>
  belief.evidence
    .filter((e) => e.labelled && e.contribution > 0)
    .slice(0, limit)
    .map((e) => (e.count > 1 ? `${e.label} ×${e.count}` : e.label));

/** The reason a step is offered, in the app's words: no numbers, no rule ids. */
export const explainStep = (stepLabel: string, belief: Belief, messages: Messages): string =>
  messages.step(stepLabel, belief.label, plainEvidence(belief), belief.declared === true);

/** What each rule still contributes at `t`, largest magnitude first; spent rules are left out. */
export function evidenceList(
  def: CompiledIntent,
  k: number,
  records: readonly (RuleRecord | undefined)[],
  t: number,
): Evidence[] {
  return records
    .flatMap((rec): Evidence | [] => {
      const contribution = rec ? decay(rec.acc, k, rec.ref, t) : 0;
      if (!rec || Math.abs(contribution) < 1e-9) return [];
      const rule = def.rules[rec.ruleIndex];
      return {
        rule: rule?.id ?? DISMISSED,
        label: rule?.label ?? 'dismissed a suggestion',
        labelled: rule ? rule.rule.label !== undefined : true,
        contribution,
        count: rec.count,
        lastAt: rec.lastAt,
        signal: rec.signal,
      };
    })
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** Evidence events, oldest first, with what is left of each at `t`. */
export const trailEntries = (
  def: CompiledIntent,
  k: number,
  events: readonly RuleRecord[],
  t: number,
): TrailEntry[] =>
  events.map((rec) => ({
    rule: ruleId(def, rec.ruleIndex),
    signal: rec.cause as Signal,
    applied: rec.applied,
    contribution: decay(rec.applied, k, rec.ref, t),
  }));
