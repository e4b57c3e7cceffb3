import type { Sink } from '../core/slots/events';
import {
  global,
  properties,
  type SinkEventType,
  type VendorSinkOptions,
  vendorSink,
} from './vendor';

/** The `gtag()` function of the Google tag (gtag.js). */
export type Gtag = (
  command: 'event',
  name: string,
  params: Record<string, string | number>,
) => void;

export interface Ga4SinkOptions extends VendorSinkOptions {
  /** The `gtag` function to call. @defaultValue `window.gtag`, read at each send; else the page's `window.dataLayer` */
  gtag?: Gtag;
  /** Google tag ids to send to (`send_to`), when the page configures several. @defaultValue every configured tag */
  sendTo?: string | readonly string[];
}

const NAMES: Record<SinkEventType, string> = {
  exposure: 'intentful_exposure',
  outcome: 'intentful_outcome',
  decision: 'intentful_decision',
};

// The argument list gtag.js reads from `dataLayer`: its own stub pushes `arguments`, and it
// ignores plain arrays there.
function args(..._: unknown[]): IArguments {
  // biome-ignore lint/complexity/noArguments: gtag.js only reads Arguments objects.
  return arguments;
}

/**
 * Sends exposures and outcomes to Google Analytics 4 as `gtag('event', name, params)`:
 * `intentful_exposure`, `intentful_outcome` (and `intentful_decision` when asked).
 * Properties: exposures `slot`, `variant`, `policy`, `holdout`; outcomes `goal`, `value` (when
 * given) and, after exposures, the most recent one's `slot`, `variant`, `policy`, `holdout` plus
 * `exposures`; decisions add `reason` and `fallback` to the exposure's.
 * Booleans are sent as `'true'`/`'false'`, `exposures` as `"slot:variant,…"` newest first, and
 * strings cut to GA4's 100 characters.
 *
 * Until gtag.js loads, calls go through the Google tag snippet's `window.dataLayer` queue, or
 * wait in the sink when the page has neither. Only called while consent allows sending.
 */
export function ga4Sink(options: Ga4SinkOptions = {}): Sink {
  return vendorSink(
    options,
    NAMES,
    (event, name) => {
      const params: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(properties(event)))
        params[k] = typeof v === 'number' ? v : String(v).slice(0, 100);
      if (options.sendTo !== undefined)
        params.send_to = [options.sendTo].flat().join().slice(0, 100);
      return [name, params] as const;
    },
    ([name, params]) => {
      const gtag = options.gtag ?? global<Gtag>('gtag');
      if (typeof gtag === 'function') gtag('event', name, params);
      else {
        const layer = global<unknown[]>('dataLayer');
        if (!Array.isArray(layer)) return false;
        layer.push(args('event', name, params));
      }
      return true;
    },
  );
}
