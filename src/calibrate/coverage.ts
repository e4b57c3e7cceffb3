import type { Signal } from '../core/signal';
import { beforeOutcome, isEvent, type Session } from './format';

/** How many sessions of each outcome show a kind of evidence before the decision point. */
export interface CoverageRow {
  /** Stable name for code that looks a row up; `label` is for readers. */
  readonly key: 'one-event' | 'three-events' | 'cart-add' | 'repeat-view';
  readonly label: string;
  readonly positives: number;
  readonly negatives: number;
}

export interface Coverage {
  readonly positives: number;
  readonly negatives: number;
  readonly rows: readonly CoverageRow[];
}

const KINDS: readonly {
  key: CoverageRow['key'];
  label: string;
  test: (seen: readonly Signal[]) => boolean;
}[] = [
  {
    key: 'one-event',
    label: 'exactly one event before the decision point',
    test: (seen) => seen.filter((x) => isEvent(x.type)).length === 1,
  },
  {
    key: 'three-events',
    label: 'three or more events',
    test: (seen) => seen.filter((x) => isEvent(x.type)).length >= 3,
  },
  { key: 'cart-add', label: 'a cart add', test: (seen) => seen.some((x) => x.type === 'cart-add') },
  {
    key: 'repeat-view',
    label: 'a product viewed again',
    test: (seen) => seen.some((x) => x.type === 'page-view' && x.data?.repeat === true),
  },
];

/**
 * What the engine can see before the decision point, split by outcome: the ceiling of any model
 * is set by how often buyers show evidence that non-buyers rarely show. A buyer whose only
 * signal before the purchase is one product view looks like the many visitors who view one
 * product and leave, whatever the model.
 */
export function coverage(sessions: readonly Session[], intent: string): Coverage {
  const seen = (outcome: boolean) =>
    sessions
      .filter((s) => s.outcomes[intent] === outcome)
      .map((s) => beforeOutcome(s, intent).signals);
  const pos = seen(true);
  const neg = seen(false);
  return {
    positives: pos.length,
    negatives: neg.length,
    rows: KINDS.map(({ key, label, test }) => ({
      key,
      label,
      positives: pos.filter(test).length,
      negatives: neg.filter(test).length,
    })),
  };
}
