import type { Sink } from '../core/slots/events';
import {
  global,
  properties,
  type SinkEventType,
  settle,
  type VendorSinkOptions,
  vendorSink,
} from './vendor';

/** What the sink needs of posthog-js (`window.posthog` or the imported instance). */
export interface PostHogLike {
  capture(event: string, properties: Record<string, unknown>): unknown;
}

export interface PostHogSinkOptions extends VendorSinkOptions {
  /** The posthog-js instance. @defaultValue `window.posthog`, read at each send */
  posthog?: PostHogLike;
}

const NAMES: Record<SinkEventType, string> = {
  exposure: 'intent variant shown',
  outcome: 'intent goal reached',
  decision: 'intent slot decided',
};

/**
 * Sends exposures and outcomes to PostHog as `posthog.capture(event, properties)`, named in
 * PostHog's "object verb" style: `intent variant shown`, `intent goal reached` (and `intent slot
 * decided` when asked).
 * Properties: exposures `slot`, `variant`, `policy`, `holdout`; outcomes `goal`, `value` (when
 * given) and, after exposures, the most recent one's `slot`, `variant`, `policy`, `holdout` plus
 * `exposures`; decisions add `reason` and `fallback` to the exposure's.
 * `exposures` is a list of `{ slot, variant, policy, holdout, at }`, newest first.
 *
 * The PostHog snippet's stub (`window.posthog` before the library loads) queues calls itself;
 * with no `posthog` at all the sink holds events. Only called while consent allows sending.
 */
export function posthogSink(options: PostHogSinkOptions = {}): Sink {
  return vendorSink(
    options,
    NAMES,
    (event, name) =>
      [
        name,
        { ...properties(event), ...(event.type === 'outcome' && { exposures: event.exposures }) },
      ] as const,
    ([name, props], fail) => {
      const posthog = options.posthog ?? global<PostHogLike>('posthog');
      if (typeof posthog?.capture !== 'function') return false;
      return settle(posthog.capture(name, props), fail);
    },
  );
}
