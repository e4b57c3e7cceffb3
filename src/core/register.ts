import type { IntentOf, Model, StepOf } from './model';
import type { SlotRegistry } from './slots/registry';

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

type RegisteredSlotMap = Register extends { slots: SlotRegistry<infer M> }
  ? M
  : { [slot: string]: string };
/** Slot ids from `Register['slots']` (see `defineSlots`), else any string. */
export type RegisteredSlot = keyof RegisteredSlotMap & string;
/** Variant ids of one registered slot, else any string. */
export type VariantOf<S extends RegisteredSlot> = RegisteredSlotMap[S] & string;
/** Variant ids of every registered slot. */
export type RegisteredVariant = RegisteredSlotMap[RegisteredSlot] & string;
