import type { Sink, SlotEvent } from '../core/slots/events';

/** The kinds of event a vendor sink can forward. */
export type SinkEventType = SlotEvent['type'];

/** A flat property value every vendor accepts. */
export type PropertyValue = string | number | boolean;

/** Options every vendor sink takes. */
export interface VendorSinkOptions {
  /**
   * Which events to forward. Decisions change with every belief update and would flood an
   * analytics property; exposures and outcomes are what experiment reports read.
   * @defaultValue `['exposure', 'outcome']`
   */
  events?: readonly SinkEventType[];
  /** Event names to use instead of the vendor defaults, per event type. @defaultValue the vendor's names (see its TSDoc) */
  names?: Partial<Record<SinkEventType, string>>;
  /**
   * Events held while the vendor's script is absent (not loaded yet, or blocked); the oldest
   * are dropped beyond this. Held events are delivered by the next event, by `flush`, or by a
   * retry every second for 30 seconds, and dropped when consent is withdrawn.
   * @defaultValue `100`
   */
  maxQueue?: number;
}

/**
 * The properties sent with each event, flat so every vendor (GA4 above all) can report on them:
 *
 * - exposure: `slot`, `variant`, `policy`, `holdout`
 * - decision: the same plus `reason`, `fallback`
 * - outcome: `goal`, `value` (when given) and, when the outcome followed exposures, the most
 *   recent one's `slot`, `variant`, `policy`, `holdout`, plus `exposures` (`slot:variant` pairs,
 *   comma-separated, newest first)
 */
export function properties(event: SlotEvent): Record<string, PropertyValue> {
  if (event.type !== 'outcome') {
    const { slot, variant, policy, holdout } = event;
    return {
      slot,
      variant,
      policy,
      holdout,
      ...(event.type === 'decision' && { reason: event.reason, fallback: event.fallback }),
    };
  }
  const [last] = event.exposures;
  return {
    goal: event.goal,
    ...(event.value !== undefined && { value: event.value }),
    ...(last && {
      slot: last.slot,
      variant: last.variant,
      policy: last.policy,
      holdout: last.holdout,
      exposures: event.exposures.map((e) => `${e.slot}:${e.variant}`).join(),
    }),
  };
}

/**
 * A sink that maps events to vendor calls and delivers them through `deliver`, which returns
 * `false` while the vendor's global is absent. Nothing throws into the page: a vendor call that
 * throws is dropped and reported through the client's `onError` (the hub catches the rethrow).
 */
export function vendorSink<T>(
  options: VendorSinkOptions,
  defaults: Record<SinkEventType, string>,
  map: (event: SlotEvent, name: string) => T,
  deliver: (call: T, fail: (error: unknown) => void) => boolean,
): Sink {
  const events = options.events ?? ['exposure', 'outcome'];
  const max = options.maxQueue ?? 100;
  const queue: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let tries = 0;
  // A vendor error met by the retry timer or a rejected vendor promise has no caller to reach:
  // the next call reports it.
  let late: unknown;
  const fail = (error: unknown): void => {
    late ??= error;
  };

  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const drain = (): unknown => {
    let failure: unknown;
    while (queue.length > 0) {
      try {
        if (!deliver(queue[0] as T, fail)) break;
      } catch (error) {
        failure ??= error;
      }
      queue.shift();
    }
    if (queue.length === 0) stop();
    else if (timer === undefined && tries < 30)
      timer = setTimeout(() => {
        timer = undefined;
        tries++;
        late ??= drain();
      }, 1000);
    return failure;
  };
  const send = (): void => {
    const failure = drain() ?? late;
    late = undefined;
    if (failure !== undefined) throw failure;
  };

  const sink: Sink = (event) => {
    if (!events.includes(event.type)) return;
    queue.push(map(event, options.names?.[event.type] ?? defaults[event.type]));
    if (queue.length > max) queue.splice(0, queue.length - max);
    tries = 0;
    send();
  };
  sink.flush = send;
  sink.discard = () => {
    queue.length = 0;
    stop();
  };
  sink.detach = stop;
  return sink;
}

/** A global of the page, read at call time so a script that loads late is found. */
export const global = <T>(name: string): T | undefined =>
  (globalThis as Record<string, unknown>)[name] as T | undefined;

/** `true` once a vendor call is made; a promise it returns (Analytics.js) rejects into `fail`. */
export const settle = (result: unknown, fail: (error: unknown) => void): true => {
  if (result instanceof Promise) result.catch(fail);
  return true;
};
