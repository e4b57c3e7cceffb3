import { describe, expect, it, vi } from 'vitest';
import { click, setup } from './support';

const t = setup();

describe('marked clicks', () => {
  it('reads target, category and value from the closest marked element, never its text', () => {
    document.body.innerHTML =
      '<button data-intent-target="compare" data-intent-category="plans" data-intent-value="2"><span id="in">Compare Jane Doe</span></button><p id="plain">x</p>';
    t.start({ clicks: true });
    click(document.getElementById('in')!);
    click(document.getElementById('plain')!);
    expect(t.signals).toEqual([
      {
        type: 'click',
        at: 1_000_000,
        target: 'compare',
        data: { category: 'plans', value: 2 },
      },
    ]);
  });

  it('captures text only when the app opts in', () => {
    document.body.innerHTML = '<a data-intent-target="faq">  Shipping   FAQ </a>';
    t.start({ clicks: { captureText: true } });
    click(document.querySelector('a')!);
    expect(t.signals[0]?.data).toEqual({ text: 'Shipping FAQ' });
  });
});

describe('rage clicks', () => {
  it('emits one signal for a fast burst in one spot', () => {
    document.body.innerHTML = '<div data-intent-target="size-chart">x</div>';
    t.start({ rageClicks: true });
    const el = document.querySelector('div')!;
    for (let i = 0; i < 5; i++) {
      click(el, 100 + i, 200);
      vi.advanceTimersByTime(150);
    }
    expect(t.signals).toEqual([
      {
        type: 'rage-click',
        at: 1_000_300,
        target: 'size-chart',
        data: { clicks: 3, x: 100, y: 200 },
      },
    ]);
  });

  it('ignores slow clicks and clicks far apart', () => {
    t.start({ rageClicks: true });
    for (let i = 0; i < 4; i++) {
      click(document.body, 10, 10);
      vi.advanceTimersByTime(700);
    }
    for (let i = 0; i < 4; i++) click(document.body, i * 100, 10);
    expect(t.signals).toEqual([]);
  });
});

describe('dead clicks', () => {
  it('reports a click after which nothing changes', () => {
    document.body.innerHTML = '<span id="fake-link">Free returns</span>';
    t.start({ deadClicks: true });
    click(document.getElementById('fake-link')!);
    vi.advanceTimersByTime(999);
    expect(t.signals).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.signals).toEqual([
      { type: 'dead-click', at: 1_001_000, target: '#fake-link', data: { ms: 1000 } },
    ]);
  });

  it('a DOM change, a scroll or a navigation is a reaction', async () => {
    document.body.innerHTML = '<button>open</button>';
    t.start({ deadClicks: true });
    const button = document.querySelector('button')!;
    click(button);
    button.setAttribute('aria-expanded', 'true');
    await Promise.resolve();
    vi.advanceTimersByTime(1500);
    click(button);
    // Browsers fire viewport scrolls at the document; it bubbles to the window.
    document.dispatchEvent(new Event('scroll', { bubbles: true }));
    vi.advanceTimersByTime(1500);
    click(button);
    history.pushState(null, '', '/next');
    vi.advanceTimersByTime(1500);
    expect(t.signals).toEqual([]);
  });

  it('never counts form controls or links that leave the page', () => {
    document.body.innerHTML = '<input id="i"><label id="l">x</label><a id="a" href="/x">x</a>';
    // jsdom cannot follow links; the collector only looks at the href.
    document.getElementById('a')!.addEventListener('click', (e) => e.preventDefault());
    t.start({ deadClicks: true });
    for (const id of ['i', 'l', 'a']) click(document.getElementById(id)!);
    vi.advanceTimersByTime(2000);
    expect(t.signals).toEqual([]);
  });
});

describe('event source', () => {
  it('listens to the window it is given, not the global one', () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const win = frame.contentWindow as Window & typeof globalThis;
    win.document.body.innerHTML = '<button data-intent-target="inside">x</button>';
    document.body.insertAdjacentHTML(
      'beforeend',
      '<button data-intent-target="outside">x</button>',
    );
    const r = t.start({ clicks: true, source: { window: win } });
    click(document.querySelector('[data-intent-target=outside]')!);
    win.document
      .querySelector('button')!
      .dispatchEvent(new win.MouseEvent('click', { bubbles: true }));
    expect(t.signals.map((s) => s.target)).toEqual(['inside']);
    r.stop();
    win.document
      .querySelector('button')!
      .dispatchEvent(new win.MouseEvent('click', { bubbles: true }));
    expect(t.signals).toHaveLength(1);
  });
});

describe('clicked values that may be numbers of a person', () => {
  it('keeps short numbers as numbers and id-length digits as text, for redaction to judge', async () => {
    const { createIntentful, collectors } = await import('intentful/core');
    const { shopModel } = await import('../fixtures');
    document.body.innerHTML =
      '<button id="a" data-intent-target="plan" data-intent-value="49.90">a</button>' +
      '<button id="b" data-intent-target="callback" data-intent-value="612345678901">b</button>';
    const client = createIntentful({ model: shopModel, plugins: [collectors()] });
    client.mount();
    document.getElementById('a')!.click();
    document.getElementById('b')!.click();
    const clicks = client.history().filter((s) => s.type === 'click');
    expect(clicks.map((s) => s.data?.value)).toEqual([49.9, '[id]']);
    client.unmount();
  });
});
