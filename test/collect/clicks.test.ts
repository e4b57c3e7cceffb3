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

describe('click attribution (README markup: data-intent-category on the page wrapper)', () => {
  const page = `<main data-intent-page="product" data-intent-category="trail">
      <img id="img" alt="Trail shoe"><h1 id="heading">Trail shoe</h1><p id="text">Light and <b id="bold">grippy</b></p>
      <section id="specs"><div id="card"><span id="plain">specs</span></div></section>
      <button id="size" type="button"><span id="size-label">44</span></button>
      <a id="reviews" href="#reviews"><svg id="star"></svg> Reviews</a>
      <div role="button" id="fav"><i id="heart"></i></div>
      <summary id="more">More</summary>
      <button type="button" data-intent-target="delivery-dates"><img id="truck" alt=""> Delivery</button>
      <div data-intent-target="gallery"><img id="photo" alt=""></div>
      <button type="button" data-intent-value="pro"><span id="plan">Pro</span></button>
    </main>`;
  const clickOn = (...ids: string[]) => {
    for (const id of ids) click(document.getElementById(id)!);
    return t.signals.map((s) => [s.target, s.data]);
  };

  it('an image, heading or paragraph inside the wrapper records nothing, never click <category>', () => {
    document.body.innerHTML = page;
    t.start({ clicks: true });
    expect(clickOn('img', 'heading', 'text', 'bold', 'plain', 'card', 'specs')).toEqual([]);
  });

  it('a control inside the wrapper is the target; the category is context', () => {
    document.body.innerHTML = page;
    t.start({ clicks: true });
    expect(clickOn('size-label', 'star', 'heart', 'more')).toEqual([
      ['#size', { category: 'trail' }],
      ['#reviews', { category: 'trail' }],
      ['#fav', { category: 'trail' }],
      ['#more', { category: 'trail' }],
    ]);
  });

  it('the marked target wins over anything inside it, marked images included', () => {
    document.body.innerHTML = page;
    t.start({ clicks: true });
    expect(clickOn('truck', 'photo', 'plan')).toEqual([
      ['delivery-dates', { category: 'trail' }],
      ['gallery', { category: 'trail' }],
      ['button', { category: 'trail', value: 'pro' }],
    ]);
  });

  it('controls outside anything the app marked record nothing', () => {
    document.body.innerHTML =
      '<button id="b"><span id="in">x</span></button><a id="a" href="/x">x</a>';
    document.getElementById('a')!.addEventListener('click', (e) => e.preventDefault());
    t.start({ clicks: true });
    expect(clickOn('in', 'b', 'a')).toEqual([]);
  });

  it('a click on a label counts once, as a click on its control', () => {
    document.body.innerHTML =
      '<div data-intent-category="gifts"><label id="l" for="wrap">Gift wrap</label><input id="wrap" type="checkbox"></div>';
    t.start({ clicks: true });
    // jsdom, like browsers, follows a label click with a click on its control.
    expect(clickOn('l')).toEqual([['#wrap', { category: 'gifts' }]]);
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

  it('changes away from the clicked control do not answer it; changes near it, in what it controls, in a live region or a new dialog do', async () => {
    document.body.innerHTML = `<div id="root">
        <header><span id="clock">12:00</span><div id="panel"></div></header>
        <main><section><div class="card"><p id="note"></p><div><button id="dead"><i id="icon"></i></button></div></div>
          <button id="opens" aria-controls="far"></button></section></main>
        <aside><div id="far" hidden></div><div id="toasts" role="status"></div></aside>
      </div>`;
    t.start({ deadClicks: true });
    const $ = (id: string) => document.getElementById(id)!;
    const elsewhere = async () => {
      // A ticking clock and a devtools panel updating on the other side of the page.
      $('clock').textContent = String(Math.random());
      $('panel').append(document.createElement('li'));
      $('panel').setAttribute('data-tick', String(Math.random()));
      await Promise.resolve();
    };
    // Clicks land on the icon inside the button, as a pointer does.
    const verdict = async (act: () => void, id = 'icon') => {
      t.signals.length = 0;
      click($(id));
      await elsewhere();
      act();
      await Promise.resolve();
      await elsewhere();
      vi.advanceTimersByTime(1000);
      return t.types();
    };
    // Nothing near the button changes: dead, whatever ticks elsewhere.
    expect(await verdict(() => {})).toEqual(['dead-click']);
    expect(t.signals[0]!.target).toBe('#dead');
    // A change in the card around the button answers it.
    expect(await verdict(() => $('note').append('Added'))).toEqual([]);
    // What it controls, far away.
    expect(await verdict(() => $('far').removeAttribute('hidden'), 'opens')).toEqual([]);
    // A live region anywhere.
    expect(await verdict(() => $('toasts').append('Saved'))).toEqual([]);
    // A dialog appearing anywhere.
    expect(await verdict(() => document.body.append(document.createElement('dialog')))).toEqual([]);
    // A class on the page root (a theme switch).
    expect(await verdict(() => document.documentElement.classList.toggle('dark'))).toEqual([]);
    // Focus moved elsewhere by the click.
    const input = document.createElement('input');
    $('far').append(input);
    expect(await verdict(() => input.focus())).toEqual([]);
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
