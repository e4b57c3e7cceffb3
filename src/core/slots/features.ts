import type { Signal } from '../signal';
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

/** What the hub lends its unit handling. */
export interface UnitHost {
  get(): string | null;
  set(unit: string | null): void;
  /** The app gave `unitId`: it is never chosen, saved or dropped here. */
  readonly fixed: boolean;
  readonly storage: KeyValueStorage | null;
  personalize(): boolean;
  connected(): boolean;
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

export type UnitsFactory = (host: UnitHost) => Units;

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
  // Consent may arrive after load: keep this page's unit once storage is allowed, never overwrite.
  let saved = false;
  const save = (): void => {
    const { storage } = host;
    const unit = host.get();
    if (saved || unit === null || storage === null || host.fixed) return;
    try {
      if (storage.getItem(UNIT) === null) storage.setItem(UNIT, unit);
      saved = storage.getItem(UNIT) !== null;
    } catch {
      // Blocked storage: try again at the next exposure.
    }
  };
  return {
    connect(renew) {
      if (host.get() !== null || host.fixed || !host.personalize()) return;
      host.set(newUnit(host.storage));
      if (renew && host.get() !== null) host.renew();
    },
    consent(seen) {
      if (host.get() === null && !host.fixed) {
        host.set(newUnit(host.storage));
        host.renew();
      }
      saved = false;
      if (seen) save();
    },
    drop() {
      // No unit, no experiment: everyone sees the generalized experience from now on.
      if (!host.fixed) host.set(null);
    },
    exposed: save,
    forget() {
      if (host.fixed) return;
      saved = false;
      host.set(host.connected() && host.personalize() ? newUnit(null) : null);
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

export type FollowersFactory = (
  history: () => readonly Signal[],
  size: number,
  accepted: () => number,
) => Followers;

export const followers: FollowersFactory = (history, size, accepted) => {
  // Each follower with the accepted-signal count it was seeded at: one made while a signal is
  // being published already holds it from history and must not be fed it again.
  const all = new Map<unknown, [SignalFollower, number]>();
  return {
    follow(make) {
      let entry = all.get(make);
      if (!entry) {
        // Policies created inline on every render would otherwise pile up followers.
        if (all.size > 31) all.clear();
        entry = [make(history, size), accepted()];
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
