// The framework-free client: safe to import on servers, in workers and on pages without React.

export type { CartHelper, CartItem, CartTarget } from '../collect/cart';
export { createCart } from '../collect/cart';
export type {
  ClickOptions,
  CollectOptions,
  DeadClickOptions,
  DwellOptions,
  ExitIntentOptions,
  FormOptions,
  HesitationOptions,
  PageViewOptions,
  RageClickOptions,
  ScrollDepthOptions,
  SearchOptions,
  SessionOptions,
  VisibilityOptions,
} from '../collect/index';
export type { CollectorsOptions } from '../collect/plugin';
export { collectors } from '../collect/plugin';
export type { SanitizeOptions } from '../collect/sanitize';
export type {
  EngineParts,
  Intentful,
  IntentfulOptions,
  IntentfulPlugin,
  ObserveExposure,
  PluginContext,
  PluginInstance,
  PrivacyView,
} from './client';
export { createIntentful } from './client';
export type {
  Belief,
  EngineStats,
  Evidence,
  IntentState,
  NextStep,
  PersistedState,
  StepStatus,
  TrailEntry,
} from './engine';
export { explainBelief as explain } from './explain';
export { hydrate, serialize } from './hydrate';
export type { Messages, ProfileMessages } from './messages';
export type {
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
export type { StorageLike } from './persist';
export type { PersistenceOptions } from './persistence';
export { persistence } from './persistence';
export type { Consent, RedactOptions, WithoutConsent } from './privacy';
export { redaction } from './privacy';
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
export type { DecisionEvent, ExposureEvent, OutcomeEvent, Sink, SlotEvent } from './slots/events';
export type { SlotController } from './slots/hub';
export type { SlotDefinition, SlotRegistry } from './slots/registry';
export { defineSlots } from './slots/registry';
export type { BeaconSinkOptions } from './slots/sinks';
export { beaconSink, consoleSink } from './slots/sinks';
export type { TrackingOptions } from './slots/tracking';
export { analytics } from './slots/tracking';
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
} from './slots/types';
export type { TrailsOptions } from './trails';
export { trails } from './trails';
