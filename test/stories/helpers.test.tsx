import { render, screen } from '@testing-library/react';
import { createIntentful, defineModel, IntentProvider } from 'intentful';
import {
  IntentDevtools,
  IntentDevtoolsPanel,
  isSimulatable,
  simulatable,
  simulateIntent,
} from 'intentful/devtools';
import {
  createSimulatedClient,
  GLOBAL_CONFIDENCE,
  GLOBAL_INTENT,
  GLOBAL_SCENARIO,
  intentToolbar,
  resolveSimulation,
  withIntentful,
} from 'intentful/storybook';
import { afterEach, describe, expect, test, vi } from 'vitest';

const model = defineModel({
  intents: {
    compare: {
      label: 'comparing',
      evidence: [{ id: 'cmp', when: { type: 'click', target: 'compare' }, weight: 1 }],
    },
    gift: { evidence: [{ id: 'gift', when: { type: 'click', target: 'gift' }, weight: 1 }] },
  },
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('simulation', () => {
  test('simulatable keeps real evidence and reaches the asked confidence', () => {
    const sim = simulatable(model);
    expect(isSimulatable(model)).toBe(false);
    expect(isSimulatable(sim)).toBe(true);
    expect(simulatable(sim)).toBe(sim);
    const client = createIntentful({ model: sim, clock: () => 1000 });
    expect(simulateIntent(client, 'compare', 0.8)).toBe(true);
    expect(client.belief('compare').confidence).toBeCloseTo(0.8, 6);
    // Devtools see the simulation; end-user sentences never mention it.
    expect(client.belief('compare').evidence[0]).toMatchObject({ labelled: false });
    const stepped = simulatable(
      defineModel({
        intents: { compare: { label: 'comparing', evidence: [] } },
        steps: [{ id: 'table', intent: 'compare', minConfidence: 0.5 }],
      }),
    );
    const other = createIntentful({ model: stepped, clock: () => 1000 });
    simulateIntent(other, 'compare', 0.8);
    expect(other.getState().nextStep?.why).toMatch(/comparing/);
    expect(other.getState().nextStep?.why).not.toMatch(/simulat|intentful:/);
    client.track({ type: 'click', target: 'compare' });
    expect(client.belief('compare').confidence).toBeGreaterThan(0.8);
  });

  test('without the simulation rule the intent is declared instead', () => {
    const client = createIntentful({ model, clock: () => 0 });
    expect(simulateIntent(client, 'gift', 0.9)).toBe(false);
    expect(client.belief('gift').declared).toBe(true);
  });

  test('story parameters pin over the toolbar; the toolbar fills the rest', () => {
    const globals = { [GLOBAL_INTENT]: 'gift', [GLOBAL_CONFIDENCE]: '0.6', [GLOBAL_SCENARIO]: '' };
    expect(resolveSimulation({}, globals)).toEqual({
      intent: 'gift',
      confidence: 0.6,
      declared: false,
      signals: [],
    });
    expect(resolveSimulation({ intent: 'compare', confidence: 0.9 }, globals)).toEqual({
      intent: 'compare',
      confidence: 0.9,
      declared: false,
      signals: [],
    });
    expect(resolveSimulation({ intent: null }, globals).intent).toBeNull();
    expect(
      resolveSimulation({}, { [GLOBAL_INTENT]: 'gift', [GLOBAL_CONFIDENCE]: 'declared' }),
    ).toMatchObject({ intent: 'gift', declared: true });
  });

  test('a replayed scenario ends now, so decay reflects how long ago each step was', () => {
    const now = 100_000;
    const client = createSimulatedClient(
      model,
      {
        intent: null,
        confidence: 0.8,
        declared: false,
        signals: [
          { type: 'click', target: 'compare', after: 0 },
          { type: 'click', target: 'compare', after: 60_000 },
        ],
      },
      { clock: () => now },
    );
    expect(client.history().map((s) => s.at)).toEqual([40_000, 100_000]);
    expect(client.belief('compare').observations).toBe(2);
  });

  test('the toolbar lists every intent of the given models, confidences and scenarios', () => {
    const toolbar = intentToolbar({
      intents: [model],
      scenarios: { busy: { label: 'Busy shopper', signals: [] } },
    });
    expect(toolbar[GLOBAL_INTENT].toolbar.items.map((i) => i.value)).toEqual([
      '',
      'compare',
      'gift',
    ]);
    expect(toolbar[GLOBAL_CONFIDENCE].toolbar.items.map((i) => i.value)).toEqual([
      '0.3',
      '0.6',
      '0.8',
      '0.95',
      'declared',
    ]);
    expect(toolbar[GLOBAL_SCENARIO]?.toolbar.items[1]).toEqual({
      value: 'busy',
      title: 'Busy shopper',
    });
  });

  test('the decorator leaves stories without a model alone', () => {
    const Story = () => <p>plain</p>;
    render(withIntentful(Story, { parameters: {}, globals: {} }));
    expect(screen.getByText('plain')).toBeTruthy();
  });
});

describe('devtools', () => {
  const inProvider = (ui: React.ReactNode) =>
    render(<IntentProvider client={createIntentful({ model })}>{ui}</IntentProvider>);

  test('renders nothing in production unless enabled', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const { container } = inProvider(
      <>
        <IntentDevtools initialIsOpen />
        <IntentDevtoolsPanel />
      </>,
    );
    expect(container.innerHTML).toBe('');
  });

  test('renders in production when explicitly enabled', () => {
    vi.stubEnv('NODE_ENV', 'production');
    inProvider(<IntentDevtoolsPanel enabled />);
    expect(screen.getByRole('region', { name: 'intentful devtools' })).toBeTruthy();
  });

  test('shows beliefs, evidence and the live signal feed in development', async () => {
    const client = createIntentful({ model: simulatable(model) });
    client.track({ type: 'click', target: 'compare' });
    render(
      <IntentProvider client={client}>
        <IntentDevtoolsPanel />
      </IntentProvider>,
    );
    const panel = screen.getByRole('region', { name: 'intentful devtools' });
    expect(panel.textContent).toContain('comparing');
    expect(panel.textContent).toContain('click · compare');
    expect(panel.querySelector('[data-devtools-intent="compare"]')?.textContent).toContain(
      'cmp ×1',
    );
  });
});
