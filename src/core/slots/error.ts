/** Thrown for a slot, variant or rule that cannot work, naming where it is wrong. */
export class SlotError extends Error {
  override name = 'SlotError';
}
