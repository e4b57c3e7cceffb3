// Policies choose a slot's variant; every one tree-shakes away when unused.
export type { BanditOptions } from './core/slots/bandit';
export { bandit } from './core/slots/bandit';
export type { ExperimentOptions, HoldoutOptions } from './core/slots/experiment';
export { experiment, withHoldout } from './core/slots/experiment';
export { withUnit } from './core/slots/features';
export type { IntentMatchOptions } from './core/slots/intent-match';
export { intentMatch } from './core/slots/intent-match';
export type { IntentCondition, Rule, RuleConditions, SignalCount } from './core/slots/rules';
export { rules } from './core/slots/rules';
export type { SummarizeOptions, VariantSummary } from './core/slots/summarize';
export { summarize } from './core/slots/summarize';
