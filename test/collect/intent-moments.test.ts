import { createCart } from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import { click, setup } from './support';

const t = setup();

const over = (el: Element, related: Element | null = null): boolean =>
  el.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, relatedTarget: related }));
const out = (el: Element, related: Element | null): boolean =>
  el.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, relatedTarget: related }));

describe('hesitation', () => {
  it('a long rest on a CTA counts once; moving inside it keeps the clock', () => {
    document.body.innerHTML =
      '<button data-intent-cta="buy"><b id="inner">Buy</b></button><div id="away"></div>';
    t.start({ hesitation: true });
    const buy = document.querySelector('button')!;
    over(buy);
    vi.advanceTimersByTime(1000);
    out(buy, document.getElementById('inner'));
    over(document.getElementById('inner')!);
    vi.advanceTimersByTime(1500);
    expect(t.signals).toEqual([
      { type: 'hesitation', at: 1_002_500, target: 'buy', data: { ms: 2500 } },
    ]);
  });

  it('leaving or clicking before the threshold is not hesitation', () => {
    document.body.innerHTML = '<div data-intent-pricing="pro">$</div><div id="away"></div>';
    t.start({ hesitation: { minMs: 1000 } });
    const pro = document.querySelector('[data-intent-pricing]')!;
    over(pro);
    vi.advanceTimersByTime(900);
    out(pro, document.getElementById('away'));
    vi.advanceTimersByTime(2000);
    over(pro);
    click(pro);
    vi.advanceTimersByTime(2000);
    expect(t.signals).toEqual([]);
  });
});

describe('forms', () => {
  const form = (): { email: HTMLInputElement; zip: HTMLInputElement; f: HTMLFormElement } => {
    document.body.innerHTML =
      '<form data-intent-form="checkout"><input name="email" type="email"><input name="zip"></form>';
    const f = document.querySelector('form')!;
    return {
      f,
      email: f.querySelector('[name=email]')!,
      zip: f.querySelector('[name=zip]')!,
    };
  };
  const type = (el: HTMLInputElement, value: string): void => {
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  };
  const focus = (el: HTMLElement): void => {
    el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
  };
  const blur = (el: HTMLElement): void => {
    el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  };

  it('reports pauses and repeated edits with timings and counts, never values', () => {
    const { email, zip } = form();
    t.start({ forms: { pauseMs: 3000, repeatedEdits: 2 } });
    focus(email);
    type(email, 'jane@example.com');
    vi.advanceTimersByTime(3000);
    blur(email);
    focus(zip);
    type(zip, '1');
    blur(zip);
    focus(zip);
    type(zip, '12');
    blur(zip);
    expect(t.signals).toEqual([
      {
        type: 'form-hesitation',
        at: 1_003_000,
        target: 'checkout',
        data: { form: 'checkout', field: 'email', reason: 'pause', ms: 3000 },
      },
      {
        type: 'form-hesitation',
        at: 1_003_000,
        target: 'checkout',
        data: { form: 'checkout', field: 'zip', reason: 'edits', edits: 2 },
      },
    ]);
    expect(JSON.stringify(t.signals)).not.toContain('jane');
  });

  it('a started form left unsubmitted is abandoned on route change; a submitted one is not', () => {
    const { email, f } = form();
    t.start({ forms: true });
    focus(email);
    type(email, 'x');
    vi.advanceTimersByTime(500);
    blur(email);
    history.pushState(null, '', '/elsewhere');
    expect(t.signals.filter((s) => s.type === 'form-abandon')).toEqual([
      {
        type: 'form-abandon',
        at: 1_000_500,
        target: 'checkout',
        data: { form: 'checkout', fields: 1, ms: 500 },
      },
    ]);
    history.pushState(null, '', '/');
    const again = form();
    focus(again.email);
    type(again.email, 'y');
    again.f.dispatchEvent(new Event('submit', { bubbles: true }));
    history.pushState(null, '', '/done');
    expect(t.types()).toEqual(['form-abandon']);
    expect(f.isConnected).toBe(false);
  });

  it('abandons when the page is hidden', () => {
    const { zip } = form();
    t.start({ forms: true });
    focus(zip);
    type(zip, '9');
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'visible' });
    expect(t.types()).toEqual(['form-abandon']);
  });
});

describe('search and filters', () => {
  it('records committed queries from marked inputs only', () => {
    document.body.innerHTML =
      '<form data-intent-search="site"><input id="q" type="search"></form><input id="other">';
    t.start({ search: { captureQuery: 'free' } });
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = ' trail running shoes ';
    q.dispatchEvent(new Event('change', { bubbles: true }));
    q.closest('form')!.dispatchEvent(new Event('submit', { bubbles: true }));
    const other = document.getElementById('other') as HTMLInputElement;
    other.value = 'secret';
    other.dispatchEvent(new Event('change', { bubbles: true }));
    expect(t.signals).toEqual([
      {
        type: 'search',
        at: 1_000_000,
        target: 'site',
        data: { query: 'trail running shoes', length: 19 },
      },
    ]);
  });

  it('records only the length when queries are not captured', () => {
    document.body.innerHTML = '<input data-intent-search id="q">';
    t.start({ search: { captureQuery: false } });
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = 'gift';
    q.dispatchEvent(new Event('change', { bubbles: true }));
    expect(t.signals[0]?.data).toEqual({ length: 4 });
  });

  it('records filter selects, checkboxes and chips', () => {
    document.body.innerHTML = `
      <select data-intent-filter="size"><option value="m">M</option><option value="l">L</option></select>
      <label data-intent-filter="color"><input type="checkbox" value="red"></label>
      <button data-intent-filter="price" data-intent-value="under-50" aria-pressed="false">$</button>
      <input data-intent-filter="brand" id="free">`;
    t.start({ search: true });
    const select = document.querySelector('select')!;
    select.value = 'l';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const box = document.querySelector('input[type=checkbox]') as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    click(document.querySelector('button')!);
    const free = document.getElementById('free') as HTMLInputElement;
    free.value = 'Acme';
    free.dispatchEvent(new Event('change', { bubbles: true }));
    expect(t.signals.map((s) => [s.target, s.data])).toEqual([
      ['size', { value: 'l', active: true }],
      ['color', { value: 'red', active: true }],
      ['price', { value: 'under-50', active: true }],
      ['brand', { active: true }],
    ]);
  });
  it('a click on a filter label reports once, through its control (regression: label clicks)', () => {
    document.body.innerHTML =
      '<label data-intent-filter="color"><input type="checkbox" value="red"><span>Red</span></label>';
    t.start({ search: true });
    click(document.querySelector('span')!);
    expect(t.signals.map((s) => [s.target, s.data])).toEqual([
      ['color', { value: 'red', active: true }],
    ]);
  });
});

describe('exit intent and visibility', () => {
  const hide = (state: 'hidden' | 'visible'): void => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: state });
    document.dispatchEvent(new Event('visibilitychange'));
  };

  it('pointer leaving through the top, with a cooldown', () => {
    t.start({ exitIntent: true });
    const leave = (y: number): boolean =>
      document.documentElement.dispatchEvent(new MouseEvent('mouseleave', { clientY: y }));
    leave(400);
    leave(5);
    leave(2);
    vi.advanceTimersByTime(15_000);
    leave(0);
    expect(t.signals.map((s) => [s.at, s.data])).toEqual([
      [1_000_000, { reason: 'pointer' }],
      [1_015_000, { reason: 'pointer' }],
    ]);
  });

  it('leaving an element near the top is not leaving the page (regression: header links)', () => {
    document.body.innerHTML = '<nav><a href="#top">Home</a></nav>';
    t.start({ exitIntent: true });
    document.querySelector('a')!.dispatchEvent(new MouseEvent('mouseleave', { clientY: 5 }));
    expect(t.signals).toEqual([]);
  });

  it('page hidden is exit intent and a visibility change with the time spent', () => {
    t.start({ exitIntent: true, visibility: true });
    vi.advanceTimersByTime(4000);
    hide('hidden');
    vi.advanceTimersByTime(1000);
    hide('visible');
    expect(t.signals).toEqual([
      { type: 'exit-intent', at: 1_004_000, data: { reason: 'hidden' } },
      { type: 'visibility', at: 1_004_000, data: { state: 'hidden', ms: 4000 } },
      { type: 'visibility', at: 1_005_000, data: { state: 'visible', ms: 1000 } },
    ]);
  });
});

describe('session context', () => {
  const memoryStorage = (): Storage => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      clear: () => m.clear(),
      key: () => null,
      get length() {
        return m.size;
      },
    };
  };

  it('sends referrer domain, campaign, device and language once, without returning when storage is not allowed', () => {
    history.replaceState(null, '', '/?utm_source=news&utm_campaign=spring-sale&utm_medium=email');
    Object.defineProperty(document, 'referrer', {
      configurable: true,
      value: 'https://www.google.com/search?q=x',
    });
    t.start({ session: true });
    t.start({ session: true });
    expect(t.signals).toEqual([
      {
        type: 'session',
        at: 1_000_000,
        data: {
          referrer: 'google.com',
          source: 'news',
          medium: 'email',
          campaign: 'spring-sale',
          device: 'desktop',
          language: navigator.language,
        },
      },
    ]);
  });

  it('knows a returning visitor only through allowed storage, once per browser session', () => {
    Object.defineProperty(document, 'referrer', { configurable: true, value: '' });
    const local = memoryStorage();
    const session = memoryStorage();
    t.start({ session: true, storage: { local, session } });
    expect(t.signals[0]?.data?.returning).toBe(false);
    expect(t.signals[0]?.data?.referrer).toBe('direct');
    t.start({ session: true, storage: { local, session }, memory: {} });
    expect(t.signals).toHaveLength(1);
    vi.advanceTimersByTime(2 * 24 * 3600 * 1000);
    t.start({ session: true, storage: { local, session: memoryStorage() }, memory: {} });
    expect(t.signals[1]?.data?.returning).toBe(true);
    expect(t.signals[1]?.data?.lastVisitAt).toBe(t.signals[0]?.at);
    expect(t.signals[0]?.data).not.toHaveProperty('lastVisitAt');
    vi.advanceTimersByTime(40 * 24 * 3600 * 1000);
    t.start({ session: true, storage: { local, session: memoryStorage() }, memory: {} });
    expect(t.signals[2]?.data?.returning).toBe(false);
  });
});

describe('cart helper', () => {
  it('records adds and removes with primitive fields only', () => {
    const seen: unknown[] = [];
    const cart = createCart((s) => {
      seen.push(s);
      return true;
    });
    cart.add({ id: 'sku-1', category: 'shoes', price: 89 });
    cart.remove({ id: 'sku-1', quantity: 2 });
    expect(seen).toEqual([
      { type: 'cart-add', target: 'sku-1', data: { quantity: 1, category: 'shoes', price: 89 } },
      { type: 'cart-remove', target: 'sku-1', data: { quantity: 2 } },
    ]);
  });
});
