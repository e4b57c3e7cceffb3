export type {
  Belief,
  EngineOptions,
  EngineStats,
  Evidence,
  IntentEngine,
  IntentState,
  NextStep,
  PersistedState,
  StepStatus,
  TrailEntry,
} from './engine';
export { createIntentEngine } from './engine';
export { explainBelief, explainStep } from './explain';
export type {
  CompiledIntent,
  CompiledRule,
  CompiledStep,
  DataCondition,
  DataRange,
  EvidenceRule,
  IntentDefinition,
  IntentOf,
  Model,
  ModelDefinition,
  ScaleBy,
  SignalMatch,
  StepDefinition,
  StepOf,
} from './model';
export { defineModel, ModelError } from './model';
export type { Persistence, PersistenceOptions, StorageLike } from './persist';
export { browserStorage, createPersistence, PERSIST_VERSION } from './persist';
export type { Consent, PrivacyState, RedactOptions, WithoutConsent } from './privacy';
export {
  canCollect,
  canPersist,
  canSend,
  createRedactor,
  REDACTED,
  readGlobalPrivacyControl,
  redactSignal,
  redactText,
} from './privacy';
export type {
  Register,
  RegisteredIntent,
  RegisteredModel,
  RegisteredSlot,
  RegisteredStep,
  RegisteredVariant,
  VariantOf,
} from './register';
export type {
  BuiltInSignalType,
  DropReason,
  Signal,
  SignalData,
  SignalInput,
  SignalType,
  SignalValue,
} from './signal';
export { normalizeSignal, Ring, SIGNAL_LIMITS } from './signal';
export * from './slots/index';
