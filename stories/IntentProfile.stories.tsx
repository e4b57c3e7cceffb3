import type { Meta, StoryObj } from '@storybook/react-vite';
import { IntentProfile, IntentQuestion } from 'intentful/profile';
import type { CSSProperties } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';

// Real signals, not the toolbar's simulation: the profile shows the model's own evidence labels.
const worriedShopper = {
  intent: null,
  scenario: null,
  signals: [
    { type: 'dwell', target: 'shipping', data: { ms: 4000 } },
    { type: 'click', target: 'delivery-details' },
    { type: 'click', target: 'delivery-details' },
    { type: 'click', target: 'compare' },
    { type: 'click', target: 'compare' },
  ],
};

// "Ready to buy" is true and useful to the app, and intrusive to be told: the profile leaves it out.
const shown = ['comparing', 'fit-uncertain', 'shipping-concern', 'gift', 'needs-support'] as const;

const meta = {
  title: 'Components/IntentProfile',
  component: IntentProfile,
  args: { intents: shown },
  parameters: {
    intentful: worriedShopper,
    docs: {
      description: {
        component:
          '`<IntentProfile>` (from `intentful/profile`) shows end users what the app thinks they are doing, with confidence in words and the evidence in plain language, and lets them correct it: "That’s right" and "Not me" declare, "Forget all this" forgets, and the consent can be changed. `<IntentQuestion>` asks once at cold start. Style through `--intentful-*` CSS variables and `data-*` attributes, or pass `unstyled`.',
      },
    },
  },
} satisfies Meta<typeof IntentProfile>;

export default meta;
type Story = StoryObj<typeof meta>;

/** What the app believes after a shopper read shipping info and opened delivery details twice. */
export const WhatItThinks: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const row = canvasElement.querySelector('[data-intent-belief="shipping-concern"]');
    await expect(row).toHaveTextContent('worried about delivery');
    await expect(row).toHaveTextContent('Because you');
    await expect(canvas.getByRole('radio', { name: 'This visit only' })).toBeChecked();
  },
};

/** "That’s right" on one guess and "Not me" on another: both become the user's own words. */
export const Corrected: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [confirm] = canvas.getAllByRole('button', { name: 'That’s right' });
    await userEvent.click(confirm as HTMLElement);
    await waitFor(() => expect(canvas.getByText('You told us')).toBeInTheDocument());
    const [reject] = canvas.getAllByRole('button', { name: 'Not me' });
    await userEvent.click(reject as HTMLElement);
    await waitFor(() => expect(canvas.getByText('Not you, you said')).toBeInTheDocument());
  },
};

/** "Forget all this": guesses and declarations go; the user starts fresh. */
export const Forgotten: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Forget all this' }));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-intent-profile]')).toHaveAttribute(
        'data-state',
        'empty',
      ),
    );
  },
};

/** Cold start: nothing inferred yet, so the question asks; the answer is a declaration. */
export const ColdStart: Story = {
  parameters: { intentful: { intent: null, scenario: null } },
  render: (args) => (
    <div style={{ display: 'grid', gap: 16 }}>
      <IntentQuestion
        choices={[
          { intent: 'comparing', label: 'Comparing a few options' },
          { intent: 'gift', label: 'Buying a gift' },
          { intent: 'fit-uncertain', label: 'Finding my size' },
        ]}
      />
      <IntentProfile {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Buying a gift' }));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-intent-belief="gift"]')).toHaveTextContent(
        'You told us',
      ),
    );
  },
};

const dark = {
  padding: 16,
  background: '#0d1117',
  '--intentful-bg': '#161b22',
  '--intentful-fg': '#f0f6fc',
  '--intentful-muted': '#c9d1d9',
  '--intentful-accent': '#79c0ff',
  '--intentful-border': '#3d444d',
  '--intentful-danger': '#ffa198',
} as CSSProperties;

/** Themed through CSS variables only: no class names, no overrides. */
export const Themed: Story = {
  decorators: [
    (Story) => (
      <div style={dark}>
        <Story />
      </div>
    ),
  ],
};

/** `unstyled`: the markup and its `data-*` attributes, for the app's own CSS. */
export const Unstyled: Story = {
  args: { unstyled: true },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-intent-profile] style')).toBeNull();
  },
};

/** A consent manager owns the choice: the profile only says what the consent allows. */
export const ConsentManagedElsewhere: Story = {
  args: { consentControls: false },
  parameters: { intentful: { ...worriedShopper, options: { consent: 'granted' } } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryAllByRole('radio')).toHaveLength(0);
    await expect(canvasElement).toHaveTextContent('We remember this on this device');
  },
};
