'use client';
import { internalsOf } from '../core/client';
import type { RegisteredIntent } from '../core/register';
import type { AppClient } from '../react/context';

/** Heading levels the components accept; the default is 2. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

export const heading = (level: unknown): 'h2' =>
  (typeof level === 'number' && level >= 2 && level <= 6 && Number.isInteger(level)
    ? `h${level}`
    : 'h2') as 'h2';

/**
 * The known intents among `given`, in order, without repeats. Untyped code or stale config can
 * name an intent the model lacks: it is left out and reported once, never thrown.
 */
export function knownIntents(
  client: AppClient,
  given: readonly unknown[],
  caller: string,
): RegisteredIntent[] {
  const known = client.model.intentIds as readonly string[];
  const out: RegisteredIntent[] = [];
  if (!Array.isArray(given)) {
    internalsOf(client).report(
      `${caller}:not-a-list`,
      new Error(`intentful: ${caller} takes a list of intent ids, got ${typeof given}`),
    );
    return out;
  }
  for (const intent of given) {
    if (typeof intent === 'string' && known.includes(intent)) {
      if (!out.includes(intent as RegisteredIntent)) out.push(intent as RegisteredIntent);
    } else
      internalsOf(client).report(
        `${caller}:${String(intent)}`,
        new Error(
          `intentful: ${caller} names intent "${String(intent)}", which the model lacks; left out`,
        ),
      );
  }
  return out;
}
