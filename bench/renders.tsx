/**
 * React renders against the built package (`npm run build` first): one `<IntentProvider>`, an
 * `<AdaptiveSlot>` with three variants, and components reading `useNextStep()`, `useTopIntent()`,
 * `useIntent(id, select)` and (for contrast) `useIntent(id)`, each in its own `<Profiler>`.
 * Two streams through `client.track`, one `act()` per signal:
 *  - decisions change: compare and shipping take turns, each phase ending in a page view (so the
 *    seen slot may switch) and five quiet minutes (beliefs decay below their thresholds);
 *  - nothing changes: signals that move beliefs (confidence, evidence, navigation) but change no
 *    step, top intent, slot decision or selected value. Expected: no render at all.
 * Time is a fake clock, and the client's timers (decay refreshes, default interval) run on fake
 * timers that fire, each in its own `act()`, as the clock passes their time: what an app's
 * timers do while the user reads.
 * "expected" counts changes of what each component reads, observed through the client outside
 * React (its `subscribe`, `getState()` and `slot(id)`), plus the mount. jsdom, React development
 * build (the Profiler reports nothing in production).
 * Run: npm run build && npx tsx bench/run.ts --dev renders.tsx
 */
import { JSDOM } from 'jsdom';
import { isMain, wantsJson } from './lib';

export interface Count {
  expected: number;
  renders: number;
}

export interface RenderRow {
  component: string;
  reads: string;
  mount: Count;
  /** The stream that changes steps, top intent, slot decisions and the selected value. */
  changing: Count;
  /** The stream that changes none of them (only the contrast row reads something that changes). */
  steady: Count;
}

export interface RenderReport {
  /** Where `intentful` came from: must be 'dist'. */
  from: string;
  signals: { changing: number; steady: number };
  /** Client timer callbacks run (decay refreshes) over both streams. */
  timers: number;
  /** Times the slot's shown variant switched in the changing stream. */
  switches: number;
  rows: RenderRow[];
}

const STEADY = 1_000;
const CYCLES = 3;

type Input = { type: string; target?: string; data?: Record<string, string | number> };

/** compare, then shipping, `CYCLES` times: four clicks, a page view, then five quiet minutes. */
function changingStream(start: number): [number, Input][] {
  const out: [number, Input][] = [];
  let t = start;
  const at = (ms: number): number => {
    t += ms;
    return t;
  };
  const phase = (intent: string, page: string): void => {
    for (let i = 0; i < 4; i++) out.push([at(5_000), { type: 'click', target: intent }]);
    out.push([at(5_000), { type: 'page-view', target: page }]);
  };
  for (let c = 0; c < CYCLES; c++) {
    for (const intent of ['compare', 'shipping']) {
      phase(intent, `/p/${c}-${intent}`);
      at(300_000);
    }
  }
  // Ends where the steady stream starts: compare clear, its step and variant shown.
  phase('compare', '/p/last');
  return out;
}

/**
 * Every 2 s: a compare click every fourth signal (keeps it clear), a short shipping dwell (moves
 * a belief that stays far below its threshold), scrolls and clicks no rule reads, and a page
 * view every 50 (a navigation, after which the slot re-decides the same variant).
 */
function steadyStream(start: number): [number, Input][] {
  const out: [number, Input][] = [];
  let t = start;
  for (let i = 0; i < STEADY; i++) {
    t += 2_000;
    const k = i % 4;
    out.push([
      t,
      i % 50 === 49
        ? { type: 'page-view', target: `/steady/${i}` }
        : k === 0
          ? { type: 'click', target: 'compare' }
          : k === 1
            ? { type: 'dwell', target: 'shipping', data: { ms: 3_000 } }
            : k === 2
              ? { type: 'scroll-depth', data: { percent: (i % 100) + 1 } }
              : { type: 'click', target: 'reviews' },
    ]);
  }
  return out;
}

export async function measureRenders(): Promise<RenderReport> {
  const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
    url: 'https://shop.example/',
  });
  const g = globalThis as Record<string, unknown>;
  g.window = dom.window;
  g.document = dom.window.document;
  g.navigator = dom.window.navigator;
  g.HTMLElement = dom.window.HTMLElement;
  g.IS_REACT_ACT_ENVIRONMENT = true;
  // Loaded after the DOM globals exist, as React DOM reads them on import.
  const React = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { jsx, jsxs } = await import('react/jsx-runtime');

  // Fake timers for the client (React took its own timer functions when it loaded): they run
  // when the fake clock passes their time, in order, each in an act().
  let now = 1_000_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let timerIds = 0;
  const realSetTimeout = g.setTimeout;
  const realClearTimeout = g.clearTimeout;
  g.setTimeout = (fn: () => void, ms = 0) => {
    timers.set(++timerIds, { at: now + Math.max(0, ms), fn });
    return timerIds;
  };
  g.clearTimeout = (id: number) => timers.delete(id);
  let timerRuns = 0;
  const advance = async (to: number): Promise<void> => {
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of timers) if (e[1].at <= to && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      const [id, { at, fn }] = next;
      timers.delete(id);
      now = at;
      timerRuns++;
      await React.act(async () => fn());
    }
    now = to;
  };
  const {
    AdaptiveSlot,
    createIntentful,
    defineModel,
    IntentProvider,
    useIntent,
    useNextStep,
    useTopIntent,
    Variant,
  } = await import('intentful');

  const model = defineModel({
    intents: {
      compare: {
        label: 'comparing jackets',
        halfLife: 120_000,
        evidence: [{ when: { type: 'click', target: 'compare' }, weight: 1.2, maxContribution: 3 }],
      },
      shipping: {
        label: 'worried about delivery',
        halfLife: 120_000,
        evidence: [
          { when: { type: 'click', target: 'shipping' }, weight: 1.2, maxContribution: 3 },
          { when: { type: 'dwell', target: 'shipping' }, weight: 0.2, maxContribution: 0.6 },
        ],
      },
    },
    steps: [
      { id: 'compare-table', intent: 'compare' },
      { id: 'delivery-promise', intent: 'shipping' },
    ],
  });
  const client = createIntentful({ model, clock: () => now, unitId: 'bench' });

  // The components, as an app writes them: inline selectors, new on every render.
  const NextStep = () => jsx('p', { children: useNextStep()?.id ?? 'none' });
  const TopIntent = () => jsx('p', { children: useTopIntent() ?? 'none' });
  const Selected = () =>
    jsx('p', { children: useIntent('compare', (b) => b.confidence >= 0.6) ? 'yes' : 'no' });
  const Whole = () => jsx('p', { children: useIntent('compare').confidence.toFixed(3) });

  const renders = new Map<string, number>();
  const onRender = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
  const profiled = (id: string, child: React.ReactNode) =>
    jsx(React.Profiler, { id, onRender, children: child }, id);
  const SLOT = '<AdaptiveSlot id="hero">';
  const app = jsx(IntentProvider, {
    client,
    children: [
      profiled(
        SLOT,
        jsxs(AdaptiveSlot, {
          id: 'hero',
          children: [
            jsx(Variant, { id: 'standard', fallback: true, children: 'standard' }, 'standard'),
            jsx(Variant, { id: 'compare', intents: ['compare'], children: 'compare' }, 'compare'),
            jsx(Variant, { id: 'shipping', intents: ['shipping'], children: 'ship' }, 'shipping'),
          ],
        }),
      ),
      profiled('useNextStep()', jsx(NextStep, {})),
      profiled('useTopIntent()', jsx(TopIntent, {})),
      profiled("useIntent('compare', (b) => b.confidence >= 0.6)", jsx(Selected, {})),
      profiled("useIntent('compare') (contrast)", jsx(Whole, {})),
    ],
  });

  // What each component reads, observed through the client; a change is one expected render.
  const hero = client.slot('hero');
  const reads: [string, string, () => unknown][] = [
    [SLOT, 'its decision (`client.slot(id).get()`)', () => hero.get()],
    ['useNextStep()', 'next step id', () => client.getState().nextStep?.id ?? null],
    ['useTopIntent()', 'top intent id', () => client.getState().top?.intent ?? null],
    [
      "useIntent('compare', (b) => b.confidence >= 0.6)",
      'the selected boolean',
      () => client.getState().beliefs.compare.confidence >= 0.6,
    ],
    [
      "useIntent('compare') (contrast)",
      'the whole belief',
      () => client.getState().beliefs.compare,
    ],
  ];
  const last = reads.map(() => undefined as unknown);
  const changes = reads.map(() => 0);
  const observe = (): void =>
    reads.forEach(([, , read], i) => {
      const v = read();
      if (!Object.is(v, last[i])) {
        last[i] = v;
        changes[i]!++;
      }
    });
  let shown = '';
  let switches = 0;

  const snapshot = () => reads.map(([id], i) => ({ r: renders.get(id) ?? 0, e: changes[i]! }));
  const root = createRoot(dom.window.document.getElementById('root')!);
  await React.act(async () => root.render(app));
  // Everything read after mount is one render; the slot renders once more as its variants
  // register (documented: the first render shows the fallback until they are known).
  observe();
  changes[0] = 2;
  client.subscribe(observe);
  hero.subscribe(observe);
  const mounted = snapshot();

  const feed = async (stream: [number, Input][]): Promise<void> => {
    for (const [t, s] of stream) {
      await advance(t);
      await React.act(async () => {
        client.track(s);
      });
      const v = hero.get().variant;
      if (shown !== '' && v !== shown) switches++;
      shown = v;
    }
  };
  shown = hero.get().variant;
  const changingSignals = changingStream(now);
  await feed(changingSignals);
  const changed = snapshot();
  const steadySignals = steadyStream(now);
  await feed(steadySignals);
  const steady = snapshot();
  await React.act(async () => root.unmount());
  dom.window.close();
  g.setTimeout = realSetTimeout;
  g.clearTimeout = realClearTimeout;

  return {
    from: process.env.INTENTFUL_FROM ?? 'unknown',
    signals: { changing: changingSignals.length, steady: steadySignals.length },
    timers: timerRuns,
    switches,
    rows: reads.map(([component, what], i) => ({
      component,
      reads: what,
      mount: { expected: mounted[i]!.e, renders: mounted[i]!.r },
      changing: {
        expected: changed[i]!.e - mounted[i]!.e,
        renders: changed[i]!.r - mounted[i]!.r,
      },
      steady: { expected: steady[i]!.e - changed[i]!.e, renders: steady[i]!.r - changed[i]!.r },
    })),
  };
}

export function rendersTable(report: RenderReport): string {
  const cell = (c: Count) => `${c.renders} / ${c.expected}${c.renders === c.expected ? '' : ' ✗'}`;
  const head = [
    'component',
    'reads',
    'mount',
    `decisions change (${report.signals.changing} signals)`,
    `nothing changes (${report.signals.steady} signals)`,
  ];
  const rows = report.rows.map((r) => [
    r.component,
    r.reads,
    cell(r.mount),
    cell(r.changing),
    cell(r.steady),
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ');
  return [
    'renders / expected per component (✗ where they differ)',
    line(head),
    ...rows.map(line),
    `slot variant switches while decisions change: ${report.switches}; client timer runs: ${report.timers}; intentful from ${report.from}`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  if (process.env.INTENTFUL_FROM !== 'dist')
    console.error(
      'renders: intentful is not from dist/; run `npx tsx bench/run.ts --dev renders.tsx`',
    );
  const report = await measureRenders();
  if (wantsJson()) console.log(JSON.stringify(report));
  else console.log(rendersTable(report));
}
