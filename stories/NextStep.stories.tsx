import type { Meta, StoryObj } from '@storybook/react-vite';
import { useNextStep } from 'intentful';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { button, card, colors, pct, primary, Row } from './storefront/ui';

/** The one most useful step, or nothing: showing nothing is a valid answer. */
function NextStepCard() {
  const step = useNextStep();
  if (step === null) {
    return (
      <p style={{ ...card, color: colors.muted }} data-testid="step">
        Nothing to suggest right now.
      </p>
    );
  }
  return (
    <div style={card} data-testid="step" data-step={step.id}>
      <p style={{ margin: '0 0 4px', fontWeight: 700 }}>{step.label}</p>
      <p style={{ margin: '0 0 8px', color: colors.muted, fontSize: 14 }}>
        {step.why} ({pct(step.confidence)})
      </p>
      <Row>
        <button type="button" style={primary} onClick={step.complete}>
          Done
        </button>
        <button type="button" style={button} onClick={step.dismiss}>
          Not now
        </button>
      </Row>
    </div>
  );
}

const meta = {
  title: 'Hooks/useNextStep',
  component: NextStepCard,
  parameters: {
    intentful: { intent: 'shipping-concern', confidence: 0.8 },
    docs: {
      description: {
        component:
          '`useNextStep()` returns the best step not dismissed or completed, with `dismiss()` and `complete()`. A dismissed step stays dismissed and lowers its intent.',
      },
    },
  },
} satisfies Meta<typeof NextStepCard>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Suggested: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('step')).toHaveAttribute(
      'data-step',
      'reassure-delivery',
    );
  },
};

export const Dismissed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Not now' }));
    await waitFor(() =>
      expect(canvas.getByTestId('step')).toHaveTextContent('Nothing to suggest right now.'),
    );
  },
};

export const Completed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(canvas.getByTestId('step')).not.toHaveAttribute('data-step'));
  },
};

/** An explicit choice outranks the rest: the gift step leads when the user says so. */
export const Declared: Story = {
  parameters: { intentful: { intent: 'gift', declared: true } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('step')).toHaveAttribute(
      'data-step',
      'add-gift-wrap',
    );
  },
};
