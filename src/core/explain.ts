import { type CoreMessages, pct } from './messages';
import type { CompiledIntent } from './model';
import { DISMISSED, type RuleRecords } from './runtime';
import { decay } from './scoring';
import type { Belief, Evidence } from './types';

const evidenceText = (belief: Belief, limit: number): string =>
  belief.evidence
    .slice(0, limit)
    .map(
      ({ label, count, contribution: c }) =>
        `${label}${count > 1 ? ` ×${count}` : ''} (${c < 0 ? '−' : '+'}${Math.abs(c).toFixed(2)})`,
    )
    .join(', ');

/**
 * A belief in words, with the evidence behind it, for developers and logs:
 * `explain(client.belief('compare'))` → "compare 82%: clicked compare ×2 (+2.40), viewed a
 * product (+0.30)". Its own import, so an app that never logs beliefs does not ship it.
 */
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
export const explainStep = (stepLabel: string, belief: Belief, messages: CoreMessages): string =>
  messages.step(stepLabel, belief.label, plainEvidence(belief), belief.declared === true);

/** What each rule still contributes at `t`, largest magnitude first; spent rules are left out. */
export function evidenceList(
  def: CompiledIntent,
  k: number,
  { nums, signals }: RuleRecords,
  t: number,
): Evidence[] {
  const list: Evidence[] = [];
  for (let i = 0; i < signals.length; i++) {
    const signal = signals[i];
    if (signal === undefined) continue;
    const contribution = decay(nums[4 * i]!, k, nums[4 * i + 1]!, t);
    if (Math.abs(contribution) < 1e-9) continue;
    const rule = def.rules[i];
    list.push({
      rule: rule?.id ?? DISMISSED,
      label: rule?.label ?? 'dismissed a suggestion',
      labelled: rule ? rule.rule.label !== undefined : true,
      contribution,
      count: nums[4 * i + 2]!,
      lastAt: nums[4 * i + 3]!,
      signal,
    });
  }
  return list.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}
