/**
 * React re-renders over a 1,000-signal stream: 4 slots and 3 components reading hooks, each in
 * its own Profiler. A component should render once on mount and once per change of what it
 * reads, never more. Development build (the Profiler reports nothing in production), jsdom.
 * Run: npx tsx bench/run.ts --dev renders.tsx
 */
import { JSDOM } from 'jsdom';
import { isMain, wantsJson } from './lib';

export interface RenderRow {
  component: string;
  reads: string;
  /** Distinct values the component was given to read (initial + changes). */
  expected: number;
  renders: number;
  /** For slots: times the shown variant actually switched (decision events sent to sinks). */
  variantSwitches?: number;
}

const SIGNALS = 1_000;

export async function measureRenders(): Promise<RenderRow[]> {
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
  const {
    AdaptiveSlot,
    IntentProvider,
    Variant,
    createIntentEngine,
    useIntent,
    useNextStep,
    useSlotDecision,
    useTopIntent,
  } = await import('intentful');
  type SlotEvent = Parameters<
    NonNullable<Parameters<typeof IntentProvider>[0]['sinks']>[number]
  >[0];
  const { benchModel, signalStream } = await import('./stream');
  const { SLOTS, servedBy } = await import('./decisions');

  const stream = signalStream(SIGNALS);
  let now = stream[0]!.at!;
  const clock = () => now;
  const model = benchModel();
  const engine = createIntentEngine({ model, clock });

  const renders = new Map<string, number>();
  const onRender = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
  const decisions = new Map<string, string[]>();
  const sink = (e: SlotEvent) => {
    if (e.type !== 'decision') return;
    const list = decisions.get(e.slot) ?? [];
    list.push(e.variant);
    decisions.set(e.slot, list);
  };

  // Inside each slot, so it renders in the same commits as the slot; records every distinct
  // decision object the slot was given.
  const seen = new Map<string, Set<unknown>>();
  const Probe = (props: { slot: string }) => {
    const d = useSlotDecision(props.slot as never);
    const set = seen.get(props.slot) ?? new Set();
    set.add(d);
    seen.set(props.slot, set);
    return null;
  };
  const TopIntent = () => jsx('p', { children: useTopIntent()?.intent ?? 'none' });
  const NextStep = () => jsx('p', { children: useNextStep()?.id ?? 'none' });
  const OneIntent = () => jsx('p', { children: useIntent('intent-3').confidence.toFixed(2) });
  const profiled = (id: string, child: React.ReactNode) =>
    jsx(React.Profiler, { id, onRender, children: child }, id);

  const app = jsx(IntentProvider, {
    model,
    engine,
    clock,
    collect: false,
    persist: false,
    decayTick: false,
    sinks: [sink],
    // Sinks only hear decisions when sending is allowed.
    consent: 'granted',
    unitId: 'bench',
    children: [
      ...SLOTS.map((slot, s) =>
        profiled(
          `slot:${slot}`,
          jsxs(AdaptiveSlot, {
            id: slot,
            children: [
              jsx(Variant, { id: 'standard', children: 'standard' }, 'standard'),
              jsx(Variant, { id: 'a', intents: [servedBy(s, 1)], children: 'a' }, 'a'),
              jsx(Variant, { id: 'b', intents: [servedBy(s, 2)], children: 'b' }, 'b'),
              jsx(Probe, { slot }, 'probe'),
            ],
          }),
        ),
      ),
      profiled('useTopIntent()', jsx(TopIntent, {})),
      profiled('useNextStep()', jsx(NextStep, {})),
      profiled("useIntent('intent-3')", jsx(OneIntent, {})),
    ],
  });

  // What each hook component reads, tracked straight from the store.
  const reads = {
    'useTopIntent()': (s: ReturnType<typeof engine.store.getState>) => s.top,
    'useNextStep()': (s: ReturnType<typeof engine.store.getState>) => s.nextStep,
    "useIntent('intent-3')": (s: ReturnType<typeof engine.store.getState>) => s.beliefs['intent-3'],
  };
  const changes = new Map<string, number>(Object.keys(reads).map((k) => [k, 1]));
  const last = new Map<string, unknown>(
    Object.entries(reads).map(([k, f]) => [k, f(engine.store.getState())]),
  );
  engine.store.subscribe((state) => {
    for (const [k, f] of Object.entries(reads)) {
      const v = f(state);
      if (!Object.is(v, last.get(k))) {
        last.set(k, v);
        changes.set(k, (changes.get(k) ?? 0) + 1);
      }
    }
  });

  const root = createRoot(dom.window.document.getElementById('root')!);
  await React.act(async () => root.render(app));
  for (const s of stream) {
    await React.act(async () => {
      now = s.at!;
      engine.track(s);
    });
  }
  await React.act(async () => root.unmount());

  const rows: RenderRow[] = SLOTS.map((slot) => {
    const d = decisions.get(slot) ?? [];
    return {
      component: `<AdaptiveSlot id="${slot}">`,
      reads: 'its decision',
      expected: seen.get(slot)?.size ?? 0,
      renders: renders.get(`slot:${slot}`) ?? 0,
      variantSwitches: d.filter((v, i) => i > 0 && v !== d[i - 1]).length,
    };
  });
  for (const k of Object.keys(reads)) {
    rows.push({
      component: k,
      reads:
        k === 'useTopIntent()' ? 'top belief' : k === 'useNextStep()' ? 'next step' : 'one belief',
      expected: changes.get(k) ?? 0,
      renders: renders.get(k) ?? 0,
    });
  }
  dom.window.close();
  return rows;
}

if (isMain(import.meta.url)) {
  const rows = await measureRenders();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else console.table(rows);
}
