import type { Signal } from 'intentful';
import { afterEach, beforeEach, vi } from 'vitest';
import type { CollectorMemory, StartCollectorsOptions } from '../../src/collect/index';
import { startCollectors } from '../internal';

/** Starts collectors against the jsdom window with a recording target; stops them after each test. */
/** Every collector but clicks off: a test turns on the ones it watches. */
export const allOff = {
  pageViews: false,
  rageClicks: false,
  deadClicks: false,
  scrollDepth: false,
  dwell: false,
  hesitation: false,
  forms: false,
  search: false,
  exitIntent: false,
  visibility: false,
  session: false,
} as const;

export function setup(): {
  start(options?: StartCollectorsOptions): ReturnType<typeof startCollectors>;
  signals: Signal[];
  types(): string[];
  memory: CollectorMemory;
} {
  const signals: Signal[] = [];
  const running: ReturnType<typeof startCollectors>[] = [];
  const memory: CollectorMemory = {};
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    signals.length = 0;
    delete memory.page;
    delete memory.session;
    delete memory.views;
    delete memory.maxPrice;
    delete memory.scroll;
    document.body.innerHTML = '';
    history.replaceState(null, '', '/');
  });
  afterEach(() => {
    for (const r of running.splice(0)) r.stop();
    vi.useRealTimers();
  });
  return {
    signals,
    memory,
    types: () => signals.map((s) => s.type),
    start(options = {}) {
      const all = { ...allOff, clicks: false } as const;
      const r = startCollectors(
        {
          track: (input) => {
            signals.push({ ...input, at: input.at ?? Date.now() } as Signal);
            return true;
          },
          clock: () => Date.now(),
        },
        { ...all, memory, ...options },
      );
      running.push(r);
      return r;
    },
  };
}

export function click(el: Element, x = 10, y = 10): void {
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }));
}
