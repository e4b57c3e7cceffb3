import type { Meta, StoryObj } from '@storybook/react-vite';
import { AdaptiveSlot, DismissVariant, type Policy, Variant, WhyThis } from 'intentful';
import { Crossfade } from 'intentful/motion';
import { bandit, experiment, intentMatch, rules } from 'intentful/policies';
import { expect } from 'storybook/test';
import { card, colors, space, text } from './storefront/ui';

// What a shopper sees under each version: the library's own explanation and a way to say no.
function Footer() {
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        justifyContent: 'space-between',
        gap: space[2],
        marginTop: space[2],
        fontSize: text.sm,
        color: colors.muted,
      }}
    >
      <WhyThis />
      <DismissVariant className="quiet-button" />
    </div>
  );
}

function Promo(props: { policy?: Policy; variant?: string }) {
  return (
    <AdaptiveSlot
      id="promo"
      style={card}
      reserve
      transition={Crossfade}
      {...(props.policy && { policy: props.policy })}
      {...(props.variant !== undefined && { variant: props.variant })}
    >
      <Variant id="standard" fallback label="New season">
        <strong>New season shoes are here</strong>
        <Footer />
      </Variant>
      <Variant id="compare" intents={['comparing']} label="Comparison">
        <strong>Compare our best sellers side by side</strong>
        <Footer />
      </Variant>
      <Variant id="gift" intents={['gift']} label="Gift">
        <strong>Free gift wrap on every order</strong>
        <Footer />
      </Variant>
    </AdaptiveSlot>
  );
}

const meta = {
  title: 'Components/AdaptiveSlot',
  component: AdaptiveSlot,
  subcomponents: { Variant, WhyThis, DismissVariant },
  parameters: {
    docs: {
      description: {
        component:
          'A named place in the UI that shows the one variant a policy picks. With `reserve` it is as tall as its tallest variant, so a switch moves nothing. Each story runs a different built-in policy; use the toolbar to change the simulated intent.',
      },
    },
  },
  args: { id: 'promo' },
  render: () => <Promo />,
} satisfies Meta<typeof AdaptiveSlot>;

export default meta;
type Story = StoryObj<typeof meta>;

const variantOf = (root: HTMLElement) =>
  root.querySelector('[data-intent-slot="promo"]')?.getAttribute('data-variant');

/** The default policy: the variant serving the most confident intent above 60%. */
export const IntentMatch: Story = {
  parameters: { intentful: { intent: 'comparing', confidence: 0.8, policy: intentMatch() } },
  play: async ({ canvasElement }) => {
    await expect(variantOf(canvasElement)).toBe('compare');
    await expect(canvasElement).toHaveTextContent('comparing products (80% sure)');
  },
};

/** Below the threshold nothing specific shows: the fallback is the answer. */
export const IntentMatchBelowThreshold: Story = {
  parameters: { intentful: { intent: 'comparing', confidence: 0.4 } },
  play: async ({ canvasElement }) => {
    await expect(variantOf(canvasElement)).toBe('standard');
  },
};

const giftRules = rules([
  {
    variant: 'gift',
    label: 'Shown because you looked at gift options twice.',
    when: { signals: [{ type: 'click', target: 'gift-options', min: 2 }] },
  },
  { variant: 'standard' },
]);

/** Readable JSON rules: "after looking at gift options twice, show gift wrap". */
export const Rules: Story = {
  parameters: {
    intentful: {
      intent: null,
      signals: [
        { type: 'click', target: 'gift-options' },
        { type: 'click', target: 'gift-options' },
      ],
    },
  },
  render: () => <Promo policy={giftRules} />,
  play: async ({ canvasElement }) => {
    await expect(variantOf(canvasElement)).toBe('gift');
    await expect(canvasElement).toHaveTextContent('looked at gift options twice');
  },
};

const test = experiment({ name: 'promo-test', share: 0.2 });

/** Deterministic assignment by a stable anonymous id, with a 20% holdout that sees the fallback. */
export const ExperimentWithHoldout: Story = {
  parameters: { intentful: { intent: null, options: { unitId: 'designer-preview' } } },
  render: () => <Promo policy={test} />,
  play: async ({ canvasElement }) => {
    const slot = canvasElement.querySelector('[data-intent-slot="promo"]');
    await expect(slot).toHaveAttribute('data-policy', 'promo-test');
    await expect(slot).toHaveTextContent(/Part of a test|comparison group/);
  },
};

const learner = bandit({ perIntent: true, seed: 7 });

/** Thompson sampling per intent: learns which variant converts, on the device. */
export const Bandit: Story = {
  parameters: { intentful: { intent: 'gift', confidence: 0.8, options: { unitId: 'designer' } } },
  render: () => <Promo policy={learner} />,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-intent-slot="promo"]')).toHaveAttribute(
      'data-policy',
      'bandit',
    );
  },
};

/** A forced variant needs no provider: what Storybook and visual tests use. */
export const Forced: Story = {
  parameters: { intentful: { disable: true } },
  render: () => <Promo variant="gift" />,
  play: async ({ canvasElement }) => {
    await expect(variantOf(canvasElement)).toBe('gift');
  },
};
