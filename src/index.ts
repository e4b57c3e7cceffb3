export type {
  CartHelper,
  CartItem,
  ClickOptions,
  CollectOptions,
  CollectorMemory,
  CollectorSource,
  Collectors,
  CollectorTarget,
  DeadClickOptions,
  DwellOptions,
  ExitIntentOptions,
  FormOptions,
  HesitationOptions,
  NavigationKind,
  PageViewOptions,
  RageClickOptions,
  ScrollDepthOptions,
  SearchOptions,
  SessionOptions,
  StartCollectorsOptions,
  VisibilityOptions,
} from './collect/index';
export { createCart, matchRoute, startCollectors } from './collect/index';
export * from './core/index';
export type {
  CollectContext,
  CollectorsOptions,
  CollectPlan,
  PersistPlan,
  PersistSession,
} from './react/features';
export { collectors, persistence } from './react/features';
export type { IntentView, NextStepView } from './react/hooks';
export {
  useDeclare,
  useIntent,
  useIntentEngine,
  useIntentSelector,
  useNextStep,
  useTopIntent,
  useTrack,
} from './react/hooks';
export type { ConsentView } from './react/privacy';
export { useConsent, useForget, usePageView } from './react/privacy';
export type { IntentProviderProps } from './react/provider';
export { IntentProvider } from './react/provider';
export type { AdaptiveSlotProps, SlotTransition, VariantProps, WhyThisProps } from './react/slot';
export { AdaptiveSlot, useGoal, useSlotDecision, Variant, WhyThis } from './react/slot';
export type { ObserveExposure } from './react/slot-context';
