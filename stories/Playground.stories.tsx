import type { Meta, StoryObj } from '@storybook/react-vite';
import { explain, useIntentful, useTrack } from 'intentful';
import { useReducer, useSyncExternalStore } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
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

/** Every belief, from the client: its state says which intents there are and re-renders on change. */
function Beliefs() {
  const client = useIntentful();
  const { top, beliefs } = useSyncExternalStore(
    client.subscribe,
    client.getState,
    client.getServerState,
  );
  // Read at render time, so decay shows as soon as the clock moves, not only at the next signal.
  const list = Object.values(beliefs)
    .map((b) => client.belief(b.intent))
    .sort((a, b) => b.confidence - a.confidence);
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
              <p style={{ margin: '8px 0 0', color: colors.muted }}>{explain(b)}</p>
            )}
          </li>
        ))}
      </ul>
    </Stack>
  );
}

function Playground() {
  const track = useTrack();
  const client = useIntentful();
  // Skipping time changes no state, only what the clock says: draw the beliefs again.
  const [, redraw] = useReducer((n: number) => n + 1, 0);
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
            redraw();
          }}
        >
          Skip 5 minutes (decay)
        </button>
        <button type="button" style={button} onClick={() => client.forget()}>
          Reset
        </button>
      </Row>
      <Beliefs />
    </Stack>
  );
}

const meta = {
  title: 'Hooks/useIntent playground',
  component: Playground,
  parameters: {
    intentful: { clock },
    docs: {
      description: {
        component:
          '`<IntentProvider client={client}>` puts one client in context; `useIntent(id)` reads one belief, and `useIntentful()` gives the client itself, whose `getState()` lists every belief. Press the buttons to emit signals: beliefs rise with evidence, decay when time passes, and explain themselves (`explain(belief)`).',
      },
    },
  },
  render: () => <Playground />,
} satisfies Meta<typeof Playground>;

export default meta;
type Story = StoryObj<typeof meta>;

export const BeliefsRiseAndDecay: Story = {
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
