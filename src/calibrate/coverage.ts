import { beforeOutcome, type Session } from './format';

/** How many sessions of each outcome show a kind of evidence before the decision point. */
export interface CoverageRow {
  readonly label: string;
  readonly positives: number;
  readonly negatives: number;
}

export interface Coverage {
  readonly positives: number;
  readonly negatives: number;
  readonly rows: readonly CoverageRow[];
}

/** Signals that count as one data-set event; context and dwell ride along (as in `evaluate`). */
const isEvent = (type: string): boolean => type !== 'session' && type !== 'dwell';

/**
 * What the engine can see before the decision point, split by outcome: the ceiling of any model
 * is set by how often buyers show evidence that non-buyers rarely show. A buyer whose only
 * signal before the purchase is one product view looks like the many visitors who view one
 * product and leave, whatever the model.
 */
export function coverage(sessions: readonly Session[], intent: string): Coverage {
  const kinds: { label: string; test: (s: Session) => boolean }[] = [
    { label: 'exactly one event before the decision point', test: (s) => events(s, intent) === 1 },
    { label: 'three or more events', test: (s) => events(s, intent) >= 3 },
    {
      label: 'a cart add',
      test: (s) => beforeOutcome(s, intent).signals.some((x) => x.type === 'cart-add'),
    },
    {
      label: 'a product viewed again',
      test: (s) =>
        beforeOutcome(s, intent).signals.some(
          (x) => x.type === 'page-view' && x.data?.repeat === true,
        ),
    },
  ];
  const labelled = sessions.filter((s) => typeof s.outcomes[intent] === 'boolean');
  const pos = labelled.filter((s) => s.outcomes[intent] === true);
  const neg = labelled.filter((s) => s.outcomes[intent] === false);
  return {
    positives: pos.length,
    negatives: neg.length,
    rows: kinds.map(({ label, test }) => ({
      label,
      positives: pos.filter(test).length,
      negatives: neg.filter(test).length,
    })),
  };
}

function events(session: Session, intent: string): number {
  return beforeOutcome(session, intent).signals.filter((s) => isEvent(s.type)).length;
}
