// StrictMode mounts, unmounts and mounts again: the client's mount counting must leave the
// collectors attached once (one page view, one click per click) and nothing after the last unmount.
import { act, render } from '@testing-library/react';
import { collectors, createIntentful, IntentProvider, persistence, type Signal } from 'intentful';
import { type ReactNode, StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

/** Net listeners on window, document and <html>, by target, type, function and phase. */
function watchListeners() {
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
  const key = (t: EventTarget, type: string, fn: unknown, opts: unknown) =>
    `${id(t)}:${type}:${id(fn as object)}:${
      typeof opts === 'boolean' ? opts : Boolean((opts as { capture?: boolean })?.capture)
    }`;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (
    this: EventTarget,
    type,
    fn,
    opts,
  ) {
    if (watched.has(this) && fn) live.set(key(this, type, fn, opts), 1);
    return add.call(this, type, fn, opts);
  });
  vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (
    this: EventTarget,
    type,
    fn,
    opts,
  ) {
    if (watched.has(this) && fn) live.delete(key(this, type, fn, opts));
    return remove.call(this, type, fn, opts);
  });
  return {
    count: () => live.size,
    types: () => [...live.keys()].map((k) => k.split(':')[1]).sort(),
  };
}

const page = (
  <main data-intent-page="product">
    <button type="button" data-intent-target="compare">
      compare
    </button>
  </main>
);

function make() {
  const client = createIntentful({
    model: shopModel,
    consent: 'granted',
    plugins: [collectors(), persistence()],
  });
  const signals: Signal[] = [];
  client.onSignal((s) => signals.push(s));
  const types = () => signals.map((s) => s.type);
  return { client, signals, types };
}

const app = (client: ReturnType<typeof make>['client'], strict: boolean, ui: ReactNode = page) => {
  const tree = <IntentProvider client={client}>{ui}</IntentProvider>;
  return strict ? <StrictMode>{tree}</StrictMode> : tree;
};

beforeEach(() => {
  history.replaceState(null, '', '/products/1');
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
});

describe('StrictMode', () => {
  it('leaves the collectors attached once: one session, one page view, one signal per click', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const listeners = watchListeners();
    // React's own document listeners, attached once per document.
    render(<p>warm-up</p>).unmount();
    const base = listeners.count();

    const plain = make();
    const p = render(app(plain.client, false));
    const attachedOnce = listeners.count() - base;
    expect(attachedOnce).toBeGreaterThan(0);
    p.unmount();
    expect(listeners.count()).toBe(base);

    // A new browser session, so the second page load starts one too.
    sessionStorage.clear();
    const strict = make();
    const s = render(app(strict.client, true));
    expect(listeners.count() - base).toBe(attachedOnce);
    expect(strict.types()).toEqual(['session', 'page-view']);
    act(() => {
      (document.querySelector('[data-intent-target="compare"]') as HTMLElement).click();
    });
    expect(strict.types().filter((t) => t === 'click')).toEqual(['click']);
    act(() => {
      history.pushState(null, '', '/cart');
      vi.advanceTimersByTime(100);
    });
    expect(strict.signals.filter((x) => x.type === 'page-view').map((x) => x.target)).toEqual([
      '/products/1',
      '/cart',
    ]);
    s.unmount();
    expect(listeners.count()).toBe(base);
  });

  it('leaves nothing attached after the last unmount: no listener, no signal, no timer', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const listeners = watchListeners();
    render(<p>warm-up</p>).unmount();
    const base = listeners.count();
    const { client, types } = make();
    const view = render(app(client, true));
    act(() => {
      (document.querySelector('[data-intent-target="compare"]') as HTMLElement).click();
    });
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    view.unmount();
    expect(listeners.count()).toBe(base);
    const before = types().length;
    // The DOM the collectors watched is gone with the provider; the window they watched is not.
    history.pushState(null, '', '/elsewhere');
    window.dispatchEvent(new Event('scroll'));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -5 }));
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(types().length).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
    // Mounting again attaches them again, once.
    const again = render(app(client, true));
    expect(listeners.count()).toBeGreaterThan(base);
    again.unmount();
    expect(listeners.count()).toBe(base);
  });

  it('counts mounts: a client shared by two providers stays attached until the last unmounts', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const listeners = watchListeners();
    render(<p>warm-up</p>).unmount();
    const base = listeners.count();
    const { client, types } = make();
    const one = render(app(client, true, page));
    const attached = listeners.count();
    const two = render(app(client, true, <p>elsewhere</p>));
    expect(listeners.count()).toBe(attached);
    expect(types().filter((t) => t === 'page-view')).toHaveLength(1);
    one.unmount();
    expect(listeners.count()).toBe(attached);
    act(() => {
      history.pushState(null, '', '/cart');
      vi.advanceTimersByTime(100);
    });
    expect(types().filter((t) => t === 'page-view')).toHaveLength(2);
    two.unmount();
    expect(listeners.count()).toBe(base);
  });
});
