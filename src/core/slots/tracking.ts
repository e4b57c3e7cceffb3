import type { IntentfulPlugin } from '../client';
import type { Signal } from '../signal';
import type { Sink, SlotEvent } from './events';
import { type SlotFeatures, type SlotHost, units } from './features';
import type { Decision, Policy } from './types';

/**
 * Exposures, goal attribution, learning feedback and slot events: the part of the slot layer an
 * app pays for only when it sends events (`analytics()`) or a policy learns (`bandit()`).
 */
export interface Tracking {
  /** A slot decided again; `prev` is what it showed before. Sent once connected and allowed. */
  decided(d: Decision, prev: Decision | null): void;
  /** The variant was seen; `learner` is the policy that chose it. */
  exposed(d: Decision, learner: Policy): void;
  goal(name: string, value?: number): void;
  /** A `goal` signal was tracked: an outcome named by its target, valued by its `data.value`. */
  reached(signal: Signal): void;
  /** Consent allows sending now: what this slot held back goes out. */
  release(d: Decision): void;
  /** Sends (or with `drop`, discards) what sinks batched; `detach` stops their listeners. */
  flush(drop?: boolean, detach?: boolean): void;
  forget(): void;
}

export type TrackingFactory = (host: SlotHost) => Tracking;

/** What `analytics()` and learning policies configure. */
export interface TrackingOptions {
  /** Receive decisions, exposures and outcomes, only while consent allows sending. @defaultValue `[]` */
  sinks?: readonly Sink[];
  /** Outcomes are attributed to exposures at most this old, in milliseconds. @defaultValue `1800000` (30 min) */
  attributionWindow?: number;
}

interface Exposure {
  readonly d: Decision;
  readonly at: number;
  readonly learner: Policy;
  readonly rewarded: Set<string>;
}

const seenAs = (d: Decision, at: number) => ({
  at,
  slot: d.slot,
  variant: d.variant,
  policy: d.policy,
  holdout: d.assignment?.holdout ?? false,
});

/** Creates the tracking factory the hub calls once. */
export function tracking(options: TrackingOptions = {}): TrackingFactory {
  return (host) => {
    const sinks = options.sinks ?? [];
    const window = options.attributionWindow ?? 1_800_000;
    const exposures: Exposure[] = [];
    // Decisions made while they could not be sent, and exposures recorded then, by slot.
    const unsent = new Set<string>();
    const held = new Map<string, Exposure>();

    const allowed = (): boolean => {
      try {
        // Asked before each send: consent, Global Privacy Control.
        return sinks.length > 0 && (host.options.canSend?.() ?? true);
      } catch (error) {
        host.report('consent', error);
        return false;
      }
    };
    const emit = (event: SlotEvent): void => {
      if (allowed())
        sinks.forEach((sink, i) => {
          const failed = (error: unknown): void =>
            host.report(
              `sink:${i}`,
              process.env.NODE_ENV !== 'production' ? `sink ${i} threw: ${String(error)}` : error,
            );
          try {
            // An async sink's rejection is reported like a throw, never left unhandled.
            const result: unknown = sink(event);
            if (result instanceof Promise) result.catch(failed);
          } catch (error) {
            failed(error);
          }
        });
    };
    const decision = (d: Decision): SlotEvent => ({
      type: 'decision',
      unit: host.unit,
      ...seenAs(d, d.at),
      reason: d.reason,
      fallback: d.fallback,
    });
    const learn = (e: Exposure, kind: 'exposure' | 'outcome'): void => {
      try {
        e.learner.learn?.({ slot: e.d.slot, variant: e.d.variant, intent: e.d.intent, kind });
      } catch (error) {
        host.report(`learn:${e.d.slot}`, error);
      }
    };
    const flush = (drop?: boolean, detach?: boolean): void => {
      const send = !drop && allowed();
      for (const s of sinks) {
        try {
          if (send) s.flush?.();
          else s.discard?.();
          if (detach) s.detach?.();
        } catch (error) {
          host.report('flush', error);
        }
      }
    };

    const goal = (name: string, value?: number): void => {
      const at = host.clock();
      const attributed: Exposure[] = [];
      for (let i = exposures.length - 1; i >= 0; i--) {
        const e = exposures[i]!;
        if (at - e.at > window) break;
        if (!attributed.some((a) => a.d.slot === e.d.slot)) attributed.push(e);
      }
      for (const e of attributed) {
        if (e.rewarded.has(name)) continue;
        e.rewarded.add(name);
        learn(e, 'outcome');
      }
      emit({
        type: 'outcome',
        at,
        unit: host.unit,
        goal: name,
        ...(value !== undefined && { value }),
        exposures: attributed.map(({ d, at }) => seenAs(d, at)),
      });
    };

    return {
      decided(d, prev) {
        // A new confidence in the reason is not a new decision for analytics.
        const same =
          prev?.variant === d.variant &&
          prev.policy === d.policy &&
          prev.assignment?.holdout === d.assignment?.holdout;
        if (same && !unsent.has(d.slot)) return;
        // Before connecting (a server, the first render) or before the variants are known there
        // is nothing to report yet: the first decision after connecting is sent instead.
        if (!host.connected || d.variant === '' || !allowed()) {
          if (d.variant !== '') unsent.add(d.slot);
          return;
        }
        unsent.delete(d.slot);
        // Decisions are read during React render; sinks run after it, so they may update state.
        // Consent is checked when the decision is made and again when it is sent.
        const event = decision(d);
        queueMicrotask(() => emit(event));
      },
      exposed(d, learner) {
        const e: Exposure = { d, at: host.clock(), learner, rewarded: new Set() };
        exposures.push(e);
        if (exposures.length > 100) exposures.shift();
        learn(e, 'exposure');
        if (allowed()) emit({ type: 'exposure', unit: host.unit, ...seenAs(d, e.at) });
        else held.set(d.slot, e);
      },
      goal,
      reached(signal) {
        const v = signal.data?.value;
        goal(signal.target ?? 'goal', typeof v === 'number' ? v : undefined);
      },
      release(d) {
        if (!allowed()) return;
        if (unsent.delete(d.slot)) emit(decision(d));
        const e = held.get(d.slot);
        held.delete(d.slot);
        if (e) emit({ type: 'exposure', unit: host.unit, ...seenAs(e.d, e.at) });
      },
      flush,
      forget() {
        exposures.length = 0;
        flush(true);
      },
    };
  };
}

/**
 * Sends slot decisions, exposures and goal outcomes to `sinks`, only while consent allows
 * sending, and feeds learning policies. Without it nothing is recorded or sent.
 */
export function analytics(options: TrackingOptions): IntentfulPlugin {
  const slots = analyticsFeatures(options);
  return { name: 'analytics', setup: () => ({ slots }) };
}

/** What `analytics()` adds to the slot layer: tracking, and the unit id events are joined by. */
export const analyticsFeatures = (options: TrackingOptions): SlotFeatures => ({
  tracking: tracking(options),
  units,
});
