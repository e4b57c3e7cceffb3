import type { Sink } from '../core/slots/events';
import {
  global,
  properties,
  type SinkEventType,
  settle,
  type VendorSinkOptions,
  vendorSink,
} from './vendor';

/** What the sink needs of Segment's Analytics.js (`window.analytics` or an `AnalyticsBrowser`). */
export interface SegmentAnalytics {
  track(event: string, properties: Record<string, unknown>): unknown;
}

export interface SegmentSinkOptions extends VendorSinkOptions {
  /** The Analytics.js instance. @defaultValue `window.analytics`, read at each send */
  analytics?: SegmentAnalytics;
}

const NAMES: Record<SinkEventType, string> = {
  exposure: 'Experiment Viewed',
  outcome: 'Intent Goal Reached',
  decision: 'Intent Slot Decided',
};

/**
 * Sends exposures and outcomes to Segment as `analytics.track(event, properties)`. Exposures
 * follow Segment's A/B testing spec (`Experiment Viewed` with `experiment_id` = slot and
 * `variation_id` = variant), so destinations that understand experiments read them as such;
 * outcomes are `Intent Goal Reached` (decisions, when asked, `Intent Slot Decided`).
 * Properties: exposures `slot`, `variant`, `policy`, `holdout`; outcomes `goal`, `value` (when
 * given) and, after exposures, the most recent one's `slot`, `variant`, `policy`, `holdout` plus
 * `exposures`; decisions add `reason` and `fallback` to the exposure's.
 * `exposures` is a list of `{ slot, variant, policy, holdout, at }`, newest first.
 *
 * The Analytics.js snippet's queue (`window.analytics` before the library loads) is used as it
 * is; with no `analytics` at all the sink holds events. Only called while consent allows sending.
 */
export function segmentSink(options: SegmentSinkOptions = {}): Sink {
  return vendorSink(
    options,
    NAMES,
    (event, name) =>
      [
        name,
        {
          ...(event.type === 'exposure' && {
            experiment_id: event.slot,
            variation_id: event.variant,
          }),
          ...properties(event),
          ...(event.type === 'outcome' && { exposures: event.exposures }),
        },
      ] as const,
    ([name, props], fail) => {
      const analytics = options.analytics ?? global<SegmentAnalytics>('analytics');
      if (typeof analytics?.track !== 'function') return false;
      return settle(analytics.track(name, props), fail);
    },
  );
}
