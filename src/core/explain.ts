import type { Belief } from './engine';

const pct = (p: number): string => `${Math.round(p * 100)}%`;

function evidenceText(belief: Belief, limit: number): string {
  return belief.evidence
    .slice(0, limit)
    .map((e) => {
      const sign = e.contribution >= 0 ? '+' : '−';
      const times = e.count > 1 ? ` ×${e.count}` : '';
      return `${e.label}${times} (${sign}${Math.abs(e.contribution).toFixed(2)})`;
    })
    .join(', ');
}

/** "compare 82%: clicked compare ×2 (+2.40), viewed a product (+0.30)". */
export function explainBelief(belief: Belief, limit = 3): string {
  if (belief.declared !== null) {
    return `${belief.label}: ${belief.declared ? 'yes' : 'no'}, as the user said`;
  }
  if (belief.evidence.length === 0)
    return `${belief.label} ${pct(belief.confidence)}: no evidence yet`;
  return `${belief.label} ${pct(belief.confidence)}: ${evidenceText(belief, limit)}`;
}

/** The reason a step is offered, for end users and devtools alike. */
export function explainStep(stepLabel: string, belief: Belief): string {
  if (belief.declared) return `${stepLabel}: you said ${belief.label}`;
  return `${stepLabel}: likely ${belief.label} (${pct(belief.confidence)}) because of ${evidenceText(belief, 3) || 'the prior'}`;
}
