import type { Meta, StoryObj } from '@storybook/react-vite';
import { IntentProvider, useIntent, useIntentEngine, useTrack } from 'intentful';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { shopModel } from './storefront/model';
import { button, card, colors, pct, Row, Stack } from './storefront/ui';

// A clock the story can fast-forward, so decay is visible without waiting five minutes.
const skew = { ms: 0 };
const clock = (): number => Date.now() + skew.ms;

const buttons = [
  {
    label: 'Linger on shipping info',
    signal: { type: 'dwell', target: 'shipping', data: { ms: 4000 } },
  },
  { label: 'Open delivery details', signal: { type: 'click', target: 'delivery-details' } },
  { label: 'Open the size guide', signal: { type: 'click', target: 'size-guide' } },
  { label: 'Add to compare', signal: { type: 'click', target: 'compare' } },
  { label: 'Add to cart', signal: { type: 'cart-add', target: 'trail-runner' } },
  { label: 'Rage-click', signal: { type: 'rage-click', target: 'pay' } },
] as const;

function Beliefs() {
  const { top, beliefs } = useIntent();
  const engine = useIntentEngine();
  const list = Object.values(beliefs).sort((a, b) => b.confidence - a.confidence);
  return (
    <Stack>
      <p>
        Top intent: <strong data-testid="top">{top ? top.label : 'nothing clear yet'}</strong>
      </p>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 8 }}>
        {list.map((b) => (
          <li key={b.intent} style={card} data-intent={b.intent}>
            <Row>
              <strong style={{ minWidth: 200 }}>{b.label}</strong>
              <meter
                aria-label={`${b.label} confidence`}
                min={0}
                max={1}
                value={b.confidence}
                style={{ width: 160 }}
              />
              <span data-testid={`confidence-${b.intent}`}>{pct(b.confidence)}</span>
              <span style={{ color: colors.muted }}>
                {b.observations} signal{b.observations === 1 ? '' : 's'}
              </span>
            </Row>
            {b.evidence.length > 0 && (
              <p style={{ margin: '8px 0 0', color: colors.muted }}>{engine.explain(b.intent)}</p>
            )}
          </li>
        ))}
      </ul>
    </Stack>
  );
}

function Playground() {
  const track = useTrack();
  const engine = useIntentEngine();
  return (
    <Stack gap={16}>
      <Row>
        {buttons.map((b) => (
          <button key={b.label} type="button" style={button} onClick={() => track(b.signal)}>
            {b.label}
          </button>
        ))}
      </Row>
      <Row>
        <button
          type="button"
          style={button}
          onClick={() => {
            skew.ms += 5 * 60_000;
            engine.refresh();
          }}
        >
          Skip 5 minutes (decay)
        </button>
        <button type="button" style={button} onClick={() => engine.reset()}>
          Reset
        </button>
      </Row>
      <Beliefs />
    </Stack>
  );
}

const meta = {
  title: 'Hooks/useIntent playground',
  component: IntentProvider,
  parameters: {
    intentful: { clock },
    docs: {
      description: {
        component:
          '`<IntentProvider>` owns one engine; `useIntent()` reads every belief. Press the buttons to emit signals: beliefs rise with evidence, decay when time passes, and explain themselves.',
      },
    },
  },
  render: () => <Playground />,
} satisfies Meta<typeof IntentProvider>;

export default meta;
type Story = StoryObj<typeof meta>;

export const BeliefsRiseAndDecay: Story = {
  args: { model: shopModel },
  play: async ({ canvasElement }) => {
    skew.ms = 0;
    const canvas = within(canvasElement);
    const user = userEvent.setup();
    await user.click(canvas.getByRole('button', { name: 'Linger on shipping info' }));
    await user.click(canvas.getByRole('button', { name: 'Open delivery details' }));
    await user.click(canvas.getByRole('button', { name: 'Open delivery details' }));
    await waitFor(() =>
      expect(canvas.getByTestId('top')).toHaveTextContent('worried about delivery'),
    );
    const before = Number.parseInt(
      canvas.getByTestId('confidence-shipping-concern').textContent ?? '',
      10,
    );
    await expect(canvasElement).toHaveTextContent('opened delivery details');
    await user.click(canvas.getByRole('button', { name: 'Skip 5 minutes (decay)' }));
    await waitFor(() => {
      const after = Number.parseInt(
        canvas.getByTestId('confidence-shipping-concern').textContent ?? '',
        10,
      );
      expect(after).toBeLessThan(before);
    });
  },
};
