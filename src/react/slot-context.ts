import { createContext, useEffect, useState } from 'react';
import type { IntentEngine } from '../core/engine';
import { createSlotHub, type SlotHub, type SlotHubOptions } from '../core/slots/hub';

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
