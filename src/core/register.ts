import type { IntentOf, Model, StepOf } from './model';

/**
 * Declaration-merging hook that types the React API for one app:
 *
 * ```ts
 * declare module 'intentful' {
 *   interface Register { model: typeof shopModel }
 * }
 * ```
 * Then `useIntent('compre')` is a compile error. Without it ids are plain strings.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the app through declaration merging
export interface Register {}

export type RegisteredModel = Register extends { model: infer M extends Model<string, string> }
  ? M
  : Model<string, string>;
export type RegisteredIntent = IntentOf<RegisteredModel>;
export type RegisteredStep = StepOf<RegisteredModel>;
