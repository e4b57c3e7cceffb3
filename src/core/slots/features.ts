import type { IntentEngine } from '../engine';
import type { Signal } from '../signal';
import type { SlotHubOptions } from './hub';
import type { TrackingFactory } from './tracking';
import type { KeyValueStorage, Policy, SignalFollower } from './types';

/**
 * Parts of the slot layer that only some policies and plugins need. They are carried by what
 * needs them (`experiment()`, `bandit()`, `rules()`, `analytics()`), so the hub runs them without
 * importing them, and an app with none of those ships none of them.
 */
export interface SlotFeatures {
  /** Exposures, goal attribution, learning feedback and slot events. */
  readonly tracking?: TrackingFactory;
  /** The anonymous unit id experiments hash and events carry. */
  readonly units?: UnitsFactory;
  /** Per-engine state policies keep signal by signal (`PolicyContext.follow`). */
  readonly followers?: FollowersFactory;
}

const FEATURES: unique symbol = Symbol('intentful.features');

/** The features a policy carries, if any. */
export const featuresOf = (policy: Policy): SlotFeatures | undefined =>
  (policy as { [FEATURES]?: SlotFeatures })[FEATURES];

/**
 * Marks `policy` as needing `features`; wrappers pass on what the wrapped policy carries.
 * Enumerable, so a spread copy (`{ ...experiment(), name: 'promo' }`) keeps it.
 */
export function withFeatures<P extends Policy>(policy: P, features: SlotFeatures | undefined): P {
  if (features) Object.defineProperty(policy, FEATURES, { value: features, enumerable: true });
  return policy;
}

/**
 * A policy of the app's own that hashes `ctx.unit` (an experiment of its own): the client then
 * chooses and keeps the anonymous unit id for it, as for `experiment()`. Without this (or a
 * built-in experiment, bandit or `analytics()`) `ctx.unit` is `null`.
 */
export const withUnit = <P extends Policy>(policy: P): P =>
  withFeatures(policy, { ...featuresOf(policy), units });

/**
 * What the hub lends the features it runs. Its unit and connection are plain fields the hub and
 * the features read and write in place, so a hub running no feature builds no accessors for them.
 */
export interface SlotHost {
  /** The anonymous unit id; `null` without one. */
  unit: string | null;
  /** Listening to the engine (`connect()`), as opposed to a server or the first render. */
  connected: boolean;
  readonly options: SlotHubOptions;
  readonly storage: KeyValueStorage | null;
  readonly engine: IntentEngine;
  readonly history: () => readonly Signal[];
  clock(): number;
  /** Consent allows using a unit id now. */
  personalize(): boolean;
  report(key: string, error: unknown): void;
  /** Every slot asks its policy again (the unit changed). */
  renew(): void;
}

export interface Units {
  /** Connected, or installed while connected: choose a unit if there is none. */
  connect(renew: boolean): void;
  /** Consent now allows personalizing: choose a unit, and keep it if a variant was seen. */
  consent(seen: boolean): void;
  /** Consent no longer allows personalizing: no unit from now on. */
  drop(): void;
  /** A variant was seen: keep this page's unit once storage allows it. */
  exposed(): void;
  forget(): void;
}

/** Created once per hub, when a feature first needs it (maybe after connecting). */
export type UnitsFactory = (host: SlotHost) => Units;

const UNIT = 'intentful:unit';

function newUnit(storage: KeyValueStorage | null): string | null {
  let id: string | null | undefined;
  try {
    id = storage?.getItem(UNIT);
  } catch {
    // Blocked storage: fall through to a per-load id.
  }
  if (id || typeof window === 'undefined') return id || null;
  id = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now();
  try {
    storage?.setItem(UNIT, id);
  } catch {
    // Full or blocked storage: the id lives for this page load only.
  }
  return id;
}

/** Chooses, keeps and drops the unit id as consent and storage allow. */
export const units: UnitsFactory = (host) => {
  // The app gave `unitId`: it is never chosen, saved or dropped here.
  const fixed = host.options.unitId !== undefined;
  // Consent may arrive after load: keep this page's unit once storage is allowed, never overwrite.
  let saved = false;
  const save = (): void => {
    const { storage, unit } = host;
    if (saved || unit === null || storage === null || fixed) return;
    try {
      if (storage.getItem(UNIT) === null) storage.setItem(UNIT, unit);
      saved = storage.getItem(UNIT) !== null;
    } catch {
      // Blocked storage: try again at the next exposure.
    }
  };
  const connect = (renew: boolean): void => {
    if (host.unit !== null || fixed || !host.personalize()) return;
    host.unit = newUnit(host.storage);
    if (renew && host.unit !== null) host.renew();
  };
  // Installed by a slot configured after connecting: that slot decides with it anyway.
  if (host.connected) connect(false);
  return {
    connect,
    consent(seen) {
      if (host.unit === null && !fixed) {
        host.unit = newUnit(host.storage);
        host.renew();
      }
      saved = false;
      if (seen) save();
    },
    drop() {
      // No unit, no experiment: everyone sees the generalized experience from now on.
      if (!fixed) host.unit = null;
    },
    exposed: save,
    forget() {
      if (fixed) return;
      saved = false;
      host.unit = host.connected && host.personalize() ? newUnit(null) : null;
    },
  };
};

/** Followers kept per policy-given `make`, fed each accepted signal. */
export interface Followers {
  follow<T extends SignalFollower>(make: (h: () => readonly Signal[], size: number) => T): T;
  /** A signal was accepted; `n` is the accepted count with it, `before` the count last seen. */
  feed(signal: Signal, n: number, before: number): void;
  /** History may differ from what followers saw: rebuild them when next read. */
  clear(): void;
}

export type FollowersFactory = (host: SlotHost) => Followers;

export const followers: FollowersFactory = ({ engine, history }) => {
  const size = engine.historySize;
  // Each follower with the accepted-signal count it was seeded at: one made while a signal is
  // being published already holds it from history and must not be fed it again.
  const all = new Map<unknown, [SignalFollower, number]>();
  return {
    follow(make) {
      let entry = all.get(make);
      if (!entry) {
        // Policies created inline on every render would otherwise pile up followers.
        if (all.size > 31) all.clear();
        entry = [make(history, size), engine.stats.accepted];
        all.set(make, entry);
      }
      return entry[0] as ReturnType<typeof make>;
    },
    feed(signal, n, before) {
      // A listener before the hub tracked a signal of its own: signals now arrive out of order,
      // so followers are rebuilt from history when next read, and the late one skipped.
      if (n !== before + 1) all.clear();
      if (n === before || all.size === 0) return;
      try {
        for (const [f, since] of all.values()) if (since < n) f.add(signal);
      } catch {
        all.clear();
      }
    },
    clear: () => all.clear(),
  };
};
