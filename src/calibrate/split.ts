/** FNV-1a over a string, as a number in [0, 1): stable across runs, machines and file order. */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One more avalanche round so ids differing in the last character spread evenly.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}

/**
 * Whether a session belongs to the held-out validation part. Split by session id and seed, so
 * every command that is given the same seed and fraction agrees on the split without a file.
 */
export function isHeldOut(id: string, seed: number, fraction: number): boolean {
  return unitHash(`${seed}:holdout:${id}`) < fraction;
}

/** Fold of a session for cross-validation inside the training part. */
export function foldOf(id: string, seed: number, folds: number): number {
  return Math.min(folds - 1, Math.floor(unitHash(`${seed}:fold:${id}`) * folds));
}
