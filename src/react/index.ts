'use client';
export type { ConsentView, NextStepView } from './hooks';
export {
  useConsent,
  useDeclare,
  useIntent,
  useIntentful,
  useNextStep,
  usePageView,
  useTopIntent,
  useTrack,
} from './hooks';
export type { IntentProviderProps } from './provider';
export { IntentProvider } from './provider';
export type {
  AdaptiveSlotProps,
  DismissVariantProps,
  SlotTransition,
  VariantProps,
  WhyThisProps,
} from './slot';
export { AdaptiveSlot, DismissVariant, useGoal, useSlotDecision, Variant, WhyThis } from './slot';
