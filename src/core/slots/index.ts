export type { BanditOptions } from './bandit';
export { bandit } from './bandit';
export { SlotError } from './error';
export type { DecisionEvent, ExposureEvent, OutcomeEvent, Sink, SlotEvent } from './events';
export type { ExperimentOptions, HoldoutOptions } from './experiment';
export { experiment, withHoldout } from './experiment';
export { bucketOf, hash32, seededRandom } from './hash';
export type { SlotConfig, SlotController, SlotHub, SlotHubOptions } from './hub';
export { createSlotHub } from './hub';
export type { IntentMatchOptions } from './intent-match';
export { intentMatch } from './intent-match';
export type { RegisteredSlotSpec, SlotDefinition, SlotRegistry } from './registry';
export { defineSlots, resolveSlot } from './registry';
export type { IntentCondition, Rule, RuleConditions, SignalCount } from './rules';
export { rules } from './rules';
export type { BeaconSinkOptions } from './sinks';
export { beaconSink, consoleSink } from './sinks';
export type { SummarizeOptions, VariantSummary } from './summarize';
export { summarize } from './summarize';
export type {
  Assignment,
  Decision,
  DecisionEvidence,
  Feedback,
  KeyValueStorage,
  Policy,
  PolicyAnswer,
  PolicyContext,
  ResolvedSlot,
  SignalFollower,
  VariantSpec,
} from './types';
