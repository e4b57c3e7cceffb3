import { createContext, useEffect, useState } from 'react';
import type { IntentEngine } from '../core/engine';
import type { StorageLike } from '../core/persist';
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
 * The unit id and sticky assignments, kept in one record under `<key>:slots` and only while
 * consent allows persisting (checked on every access, so withdrawal takes effect at once).
 */
export function slotStorage(
  allowed: () => boolean,
  key: string,
  custom: StorageLike | null | undefined,
): KeyValueStorage {
  const slotsKey = `${key}:slots`;
  const read = (): [StorageLike | null, Record<string, unknown>] => {
    try {
      const s = allowed()
        ? custom === undefined
          ? (globalThis as { localStorage?: StorageLike }).localStorage
          : custom
        : null;
      const value: unknown = s && JSON.parse(s.getItem(slotsKey) ?? '{}');
      return [
        s ?? null,
        typeof value === 'object' && value ? (value as Record<string, unknown>) : {},
      ];
    } catch {
      // Blocked, full or corrupt storage: assignments then last for this page only.
      return [null, {}];
    }
  };
  return {
    getItem(k) {
      const v = read()[1][k];
      return typeof v === 'string' ? v : null;
    },
    setItem(k, v) {
      const [s, record] = read();
      try {
        s?.setItem(slotsKey, JSON.stringify({ ...record, [k]: v }));
      } catch {
        // As above.
      }
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
