import { createContext, useEffect, useState } from 'react';
import type { IntentEngine } from '../core/engine';
import { browserStorage, type PersistenceOptions } from '../core/persist';
import { canPersist, type PrivacyState } from '../core/privacy';
import { createSlotHub, type SlotHub, type SlotHubOptions } from '../core/slots/hub';
import type { KeyValueStorage } from '../core/slots/types';

/** Calls `onVisible` once the element is actually seen; returns a cleanup. */
export type ObserveExposure = (element: Element, onVisible: () => void) => () => void;

// Half the variant on screen counts as seen; without IntersectionObserver (old browsers, jsdom)
// mounting is the best evidence there is.
const observeWithIntersection: ObserveExposure = (element, onVisible) => {
  if (typeof IntersectionObserver === 'undefined') {
    onVisible();
    return () => {};
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        onVisible();
      }
    },
    { threshold: 0.5 },
  );
  io.observe(element);
  return () => io.disconnect();
};

/**
 * The unit id and sticky assignments, kept in one record under `<persist key>:slots` and only
 * while consent allows persisting (checked on every access, so withdrawal takes effect at once).
 */
export function slotStorage(
  privacy: () => PrivacyState,
  persist: boolean | PersistenceOptions | undefined,
): KeyValueStorage | null {
  if (persist === false) return null;
  const options = typeof persist === 'object' ? persist : {};
  const key = `${options.key ?? 'intentful'}:slots`;
  const store = (): KeyValueStorage | null =>
    canPersist(privacy())
      ? options.storage === undefined
        ? browserStorage('localStorage')
        : options.storage
      : null;
  const read = (s: KeyValueStorage): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse(s.getItem(key) ?? '{}');
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    getItem(k) {
      const s = store();
      const v = s ? read(s)[k] : null;
      return typeof v === 'string' ? v : null;
    },
    setItem(k, v) {
      const s = store();
      if (s) s.setItem(key, JSON.stringify({ ...read(s), [k]: v }));
    },
  };
}

export interface SlotRuntime {
  readonly hub: SlotHub;
  readonly observe: ObserveExposure;
}

export const SlotHubContext = /* @__PURE__ */ createContext<SlotRuntime | null>(null);

/** Creates the provider's slot hub once and keeps it listening while mounted. */
export function useSlotRuntime(
  engine: IntentEngine,
  options: SlotHubOptions & { observe?: ObserveExposure | undefined },
): SlotRuntime {
  const [runtime] = useState<SlotRuntime>(() => ({
    hub: createSlotHub(engine, options),
    observe: options.observe ?? observeWithIntersection,
  }));
  useEffect(() => runtime.hub.connect(), [runtime]);
  return runtime;
}
