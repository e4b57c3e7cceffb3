import { render } from '@testing-library/react';
import { collectors, createIntentful, IntentProvider, persistence } from 'intentful';
import { StrictMode } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Listeners currently attached to window, document and <html>, by identity. */
function trackListeners() {
  const watched = new Set<EventTarget>([window, document, document.documentElement]);
  const live = new Map<string, number>();
  const ids = new WeakMap<object, number>();
  let next = 0;
  const id = (o: object) => {
    let n = ids.get(o);
    if (n === undefined) {
      n = next++;
      ids.set(o, n);
    }
    return n;
  };
  const keyOf = (target: EventTarget, type: string, fn: unknown, opts: unknown) => {
    const capture =
      typeof opts === 'boolean'
        ? opts
        : Boolean((opts as { capture?: boolean } | undefined)?.capture);
    return `${id(target)}:${type}:${id(fn as object)}:${capture}`;
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  let adds = 0;
  vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (
    this: EventTarget,
    type,
    fn,
    opts,
  ) {
    if (watched.has(this) && fn) {
      adds++;
      const k = keyOf(this, type, fn, opts);
      live.set(k, (live.get(k) ?? 0) + 1);
    }
    return add.call(this, type, fn, opts);
  });
  vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (
    this: EventTarget,
    type,
    fn,
    opts,
  ) {
    if (watched.has(this) && fn) {
      const k = keyOf(this, type, fn, opts);
      if (live.has(k)) live.delete(k);
    }
    return remove.call(this, type, fn, opts);
  });
  return {
    get live() {
      return live.size;
    },
    get adds() {
      return adds;
    },
  };
}

/** Observers created and not yet disconnected. */
function trackObservers() {
  let active = 0;
  const RealMO = window.MutationObserver;
  class CountingMO extends RealMO {
    private on = false;
    override observe(target: Node, options?: MutationObserverInit): void {
      if (!this.on) active++;
      this.on = true;
      super.observe(target, options);
    }
    override disconnect(): void {
      if (this.on) active--;
      this.on = false;
      super.disconnect();
    }
  }
  class FakeIO {
    private on = false;
    observe(): void {
      if (!this.on) active++;
      this.on = true;
    }
    unobserve(): void {}
    takeRecords(): [] {
      return [];
    }
    disconnect(): void {
      if (this.on) active--;
      this.on = false;
    }
  }
  vi.stubGlobal('MutationObserver', CountingMO);
  vi.stubGlobal('IntersectionObserver', FakeIO);
  return {
    get active() {
      return active;
    },
  };
}

it('mounting and unmounting the provider 1,000 times leaves no listener, observer or history patch behind', () => {
  const push = history.pushState;
  const replace = history.replaceState;
  const observers = trackObservers();
  const listeners = trackListeners();
  // A new client per mount, as a page load builds one: nothing may survive its provider.
  const app = () => (
    <IntentProvider
      client={createIntentful({
        model: shopModel,
        consent: 'granted',
        plugins: [collectors(), persistence()],
      })}
    >
      <section data-intent-section="shipping">
        <button type="button" data-intent-target="compare" data-intent-cta="buy">
          compare
        </button>
      </section>
    </IntentProvider>
  );
  // One warm-up cycle: React attaches a few document listeners of its own once per document.
  render(app()).unmount();
  const baseline = listeners.live;
  const addsBefore = listeners.adds;
  for (let i = 0; i < 1000; i++) {
    const r = render(i % 2 === 0 ? app() : <StrictMode>{app()}</StrictMode>);
    r.unmount();
  }
  expect(listeners.adds - addsBefore).toBeGreaterThan(1000);
  expect(listeners.live).toBe(baseline);
  expect(observers.active).toBe(0);
  expect(history.pushState).toBe(push);
  expect(history.replaceState).toBe(replace);
  localStorage.clear();
  sessionStorage.clear();
}, 120_000);
