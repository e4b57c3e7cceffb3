import type { Belief } from './engine';

const pct = (p: number): string => `${Math.round(p * 100)}%`;

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

/** The reason a step is offered, for end users and devtools alike. */
export function explainStep(stepLabel: string, belief: Belief): string {
  return belief.declared
    ? `${stepLabel}: you said ${belief.label}`
    : `${stepLabel}: likely ${belief.label} (${pct(belief.confidence)}) because of ${evidenceText(belief, 3) || 'the prior'}`;
}
