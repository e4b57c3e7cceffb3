import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import {
  createIntentful,
  defineModel,
  IntentProvider,
  useDeclare,
  useIntent,
  useIntentful,
  useNextStep,
  useTopIntent,
  useTrack,
} from 'intentful';
import { type ReactNode, StrictMode, useState, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { engineOf } from '../internal';

afterEach(() => {
  vi.useRealTimers();
});

function counter() {
  const counts: Record<string, number> = {};
  return {
    counts,
    hit(name: string) {
      counts[name] = (counts[name] ?? 0) + 1;
    },
  };
}

/** Every belief, the way an app reads them all now that `useIntent()` takes an id. */
function useBeliefs() {
  const client = useIntentful();
  return useSyncExternalStore(client.subscribe, () => client.getState().beliefs);
}

function useWholeState() {
  const client = useIntentful();
  return useSyncExternalStore(client.subscribe, client.getState);
}

describe('useIntent', () => {
  it('re-renders a component only when the value it reads changes', () => {
    const time = fakeClock();
    const client = createIntentful({ model: shopModel, clock: time.clock });
    const { counts, hit } = counter();
    function Compare() {
      hit('compare');
      return <p>compare {useIntent('compare').confidence.toFixed(2)}</p>;
    }
    function Gift() {
      hit('gift');
      return <p>gift {useIntent('gift').confidence.toFixed(2)}</p>;
    }
    function Step() {
      hit('step');
      return <p>step {useNextStep()?.id ?? 'none'}</p>;
    }
    function Top() {
      hit('top');
      return <p>top {useTopIntent() ?? 'none'}</p>;
    }
    function All() {
      hit('all');
      return <p>beliefs {Object.keys(useBeliefs()).length}</p>;
    }
    function Tracker() {
      hit('tracker');
      useTrack();
      return null;
    }
    render(
      <IntentProvider client={client}>
        <Compare />
        <Gift />
        <Step />
        <Top />
        <All />
        <Tracker />
      </IntentProvider>,
    );
    expect(counts).toEqual({ compare: 1, gift: 1, step: 1, top: 1, all: 1, tracker: 1 });

    act(() => {
      client.track({ type: 'click', target: 'compare' });
    });
    // Only the compare belief changed; top and step are still none.
    expect(counts).toEqual({ compare: 2, gift: 1, step: 1, top: 1, all: 2, tracker: 1 });

    act(() => {
      client.track({ type: 'scroll-depth', data: { percent: 50 } }); // matches no rule
      client.track({ type: 'click', target: 'unrelated' });
    });
    expect(counts).toEqual({ compare: 2, gift: 1, step: 1, top: 1, all: 2, tracker: 1 });

    act(() => {
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('step comparison-table')).toBeTruthy();
    expect(screen.getByText('top compare')).toBeTruthy();
    expect(counts).toEqual({ compare: 3, gift: 1, step: 2, top: 2, all: 3, tracker: 1 });

    act(() => {
      client.track({ type: 'click', target: 'gift-wrap' });
    });
    expect(counts).toEqual({ compare: 3, gift: 2, step: 2, top: 2, all: 4, tracker: 1 });
  });

  it('reads single beliefs, the top intent and the step without building the whole state', () => {
    const client = createIntentful({ model: shopModel, clock: fakeClock().clock });
    function Reader() {
      const compare = useIntent('compare', (b) => b.confidence > 0.5);
      const top = useTopIntent();
      const step = useNextStep();
      return (
        <p>
          {String(compare)} {top ?? 'none'} {step?.id ?? 'none'}
        </p>
      );
    }
    render(
      <IntentProvider client={client}>
        <Reader />
      </IntentProvider>,
    );
    const getState = vi.spyOn(client, 'getState');
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('true compare comparison-table')).toBeTruthy();
    // Only the step's view, made once when the step shown changed, read the state.
    const reads = getState.mock.calls.length;
    expect(reads).toBeLessThanOrEqual(1);
    act(() => {
      for (let i = 0; i < 5; i++)
        client.track({ type: 'page-view', data: { pageType: 'product' } });
    });
    // Every publish told the hooks; none of them needed the state object to answer.
    expect(getState).toHaveBeenCalledTimes(reads);
  });

  it('returns the top intent with its evidence and all beliefs', () => {
    const client = createIntentful({ model: shopModel, clock: fakeClock().clock });
    const { result } = renderHook(
      () => ({
        state: useWholeState(),
        top: useTopIntent((b) => b),
        id: useTopIntent(),
        gift: useIntent('gift'),
      }),
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <IntentProvider client={client}>{children}</IntentProvider>
        ),
      },
    );
    expect(result.current.top).toBeNull();
    expect(result.current.id).toBeNull();
    expect(result.current.state.top).toBeNull();
    expect(Object.keys(result.current.state.beliefs)).toEqual([
      'compare',
      'shipping-concern',
      'gift',
    ]);
    act(() => {
      client.track({ type: 'click', target: 'gift-wrap' });
    });
    expect(result.current.top).toMatchObject({
      intent: 'gift',
      evidence: [{ rule: 'click:gift-wrap', contribution: 2, count: 1 }],
    });
    expect(result.current.id).toBe('gift');
    expect(result.current.top).toBe(result.current.state.beliefs.gift);
    expect(result.current.state.top).toBe(result.current.state.beliefs.gift);
    // useIntent reads the intent's published belief alone: the same object the state holds.
    expect(result.current.gift).toBe(result.current.state.beliefs.gift);
  });

  it('gives a neutral belief for an unknown intent instead of breaking the page', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createIntentful({ model: shopModel });
    const { result } = renderHook(() => useIntent('nope' as 'gift'), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <IntentProvider client={client}>{children}</IntentProvider>
      ),
    });
    expect(result.current).toMatchObject({ intent: 'nope', confidence: 0, evidence: [] });
    expect(warn).toHaveBeenCalledWith('[intentful] useIntent: unknown intent "nope"');
    warn.mockRestore();
  });
});

describe('useNextStep', () => {
  it('offers the step with its reason, and dismiss/complete change what is offered', () => {
    const client = createIntentful({ model: shopModel, clock: fakeClock().clock });
    function Guide() {
      const step = useNextStep();
      if (!step) return <p>nothing to suggest</p>;
      return (
        <div>
          <p title={step.why}>{step.id}</p>
          <button type="button" onClick={step.dismiss}>
            dismiss
          </button>
          <button type="button" onClick={step.complete}>
            done
          </button>
        </div>
      );
    }
    function Declare() {
      const declare = useDeclare();
      return (
        <button type="button" onClick={() => declare('gift', true)}>
          it is a gift
        </button>
      );
    }
    render(
      <IntentProvider client={client}>
        <Guide />
        <Declare />
      </IntentProvider>,
    );
    expect(screen.getByText('nothing to suggest')).toBeTruthy();
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('comparison-table').title).toBe(
      'comparison-table: you seem to be comparing options: you opened the comparison ×2.',
    );
    fireEvent.click(screen.getByText('dismiss'));
    expect(screen.getByText('nothing to suggest')).toBeTruthy();
    expect(client.getState().steps).toEqual({ 'comparison-table': 'dismissed' });
    fireEvent.click(screen.getByText('it is a gift'));
    expect(screen.getByText('gift-note').title).toBe('gift-note: you said gift.');
    fireEvent.click(screen.getByText('done'));
    expect(screen.getByText('nothing to suggest')).toBeTruthy();
  });
});

describe('IntentProvider', () => {
  it('gives each provider its own state', () => {
    function Tracker({ name }: { name: string }) {
      const track = useTrack();
      const belief = useIntent('gift');
      return (
        <button type="button" onClick={() => track({ type: 'click', target: 'gift-wrap' })}>
          {name} {belief.observations}
        </button>
      );
    }
    const a = createIntentful({ model: shopModel });
    const b = createIntentful({ model: shopModel });
    render(
      <>
        <IntentProvider client={a}>
          <Tracker name="a" />
        </IntentProvider>
        <IntentProvider client={b}>
          <Tracker name="b" />
        </IntentProvider>
      </>,
    );
    fireEvent.click(screen.getByText('a 0'));
    fireEvent.click(screen.getByText('a 1'));
    expect(screen.getByText('a 2')).toBeTruthy();
    expect(screen.getByText('b 0')).toBeTruthy();
  });

  it('does not duplicate signals or clients under StrictMode', () => {
    const onSignal = vi.fn();
    const clients = new Set<unknown>();
    function Probe() {
      clients.add(useIntentful());
      const track = useTrack();
      return (
        <button type="button" onClick={() => track({ type: 'click', target: 'compare' })}>
          go
        </button>
      );
    }
    // As in an app: the client is built once, in state, not on every render.
    let made = 0;
    function App() {
      const [client] = useState(() => {
        made++;
        const c = createIntentful({ model: shopModel });
        c.onSignal(onSignal);
        return c;
      });
      return (
        <IntentProvider client={client}>
          <Probe />
        </IntentProvider>
      );
    }
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    fireEvent.click(screen.getByText('go'));
    expect(onSignal).toHaveBeenCalledOnce();
    expect(clients.size).toBe(1);
    // StrictMode calls the initializer twice and keeps the first; only one client is used.
    expect(made).toBeLessThanOrEqual(2);
    const [client] = clients as Set<ReturnType<typeof createIntentful>>;
    expect(client?.history()).toHaveLength(1);
  });

  it.each([
    ['useIntent', () => useIntent('gift')],
    ['useTopIntent', () => useTopIntent()],
    ['useNextStep', () => useNextStep()],
    ['useTrack', () => useTrack()],
    ['useDeclare', () => useDeclare()],
    ['useIntentful', () => useIntentful()],
  ])(
    '%s outside a provider throws an error naming the hook and the provider',
    (name, hook: () => unknown) => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      expect(() => renderHook(hook)).toThrow(
        `intentful: ${name} must be used inside <IntentProvider`,
      );
      error.mockRestore();
    },
  );

  it('refreshes decayed beliefs on its own: the step goes away when confidence falls', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const client = createIntentful({ model: shopModel, refreshInterval: false });
    function Step() {
      return <p>step {useNextStep()?.id ?? 'none'}</p>;
    }
    render(
      <IntentProvider client={client}>
        <Step />
      </IntentProvider>,
    );
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('step comparison-table')).toBeTruthy();
    const crossing = engineOf(client).nextChangeAt() as number;
    act(() => {
      vi.advanceTimersByTime(crossing - Date.now() - 10);
    });
    expect(screen.getByText('step comparison-table')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(20);
    });
    expect(screen.getByText('step none')).toBeTruthy();
  });

  it('keeps one decay timer through a burst of signals instead of resetting it per signal', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const client = createIntentful({ model: shopModel });
    render(
      <IntentProvider client={client}>
        <p>x</p>
      </IntentProvider>,
    );
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    act(() => {
      for (let i = 0; i < 100; i++) client.track({ type: 'click', target: 'gift-wrap' });
    });
    expect(setTimer.mock.calls.length).toBeLessThanOrEqual(2);
    expect(vi.getTimerCount()).toBe(1);
    setTimer.mockRestore();
  });

  it('waits for a decay crossing weeks away without a timer that fires at once', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    // setTimeout fires immediately for delays past 2^31 - 1 ms (about 24.8 days).
    const slow = defineModel({
      intents: {
        loyal: {
          halfLife: 120 * 86_400_000,
          evidence: [{ when: { type: 'click', target: 'reorder' }, weight: 3 }],
        },
      },
      steps: [{ id: 'reorder-bar', intent: 'loyal', minConfidence: 0.6 }],
    });
    const client = createIntentful({ model: slow, refreshInterval: false });
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    render(
      <IntentProvider client={client}>
        <p>x</p>
      </IntentProvider>,
    );
    act(() => {
      client.track({ type: 'click', target: 'reorder' });
    });
    expect((engineOf(client).nextChangeAt() as number) - Date.now()).toBeGreaterThan(2 ** 31);
    const delays = setTimer.mock.calls.map(([, ms]) => ms ?? 0);
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
    setTimer.mockRestore();
  });

  it('leaves no timer or subscription behind after unmount', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const client = createIntentful({ model: shopModel });
    const { unmount } = render(
      <IntentProvider client={client}>
        <p>x</p>
      </IntentProvider>,
    );
    act(() => {
      client.track({ type: 'click', target: 'compare' });
    });
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
    client.track({ type: 'click', target: 'compare' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
