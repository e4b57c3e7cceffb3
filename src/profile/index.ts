'use client';
export type { ProfileMessages } from '../core/messages';
export type { IntentProfileProps } from './IntentProfile';
export { IntentProfile } from './IntentProfile';
export type { IntentQuestionProps, QuestionChoice } from './IntentQuestion';
export { IntentQuestion } from './IntentQuestion';
export { defaultProfileMessages } from './messages';
export type { HeadingLevel } from './shared';
