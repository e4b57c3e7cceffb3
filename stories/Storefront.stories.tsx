import type { Meta, StoryObj } from '@storybook/react-vite';
import { collectors } from 'intentful';
import type { IntentfulParameters } from 'intentful/storybook';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { Storefront } from './storefront/Storefront';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Short dwell so the demo reacts while you watch; the library's default is 4 s.
const DWELL_MS = 1500;

// The storefront reports its own page views (usePageView), so the collector leaves history alone.
const intentful: IntentfulParameters = {
  options: {
    plugins: [
      collectors({
        dwell: { minMs: DWELL_MS },
        pageViews: { history: false },
        exitIntent: false,
        session: false,
        visibility: false,
      }),
    ],
  },
};

const meta = {
  title: 'Demo/Storefront',
  component: Storefront,
  parameters: {
    layout: 'fullscreen',
    intentful,
    docs: {
      description: {
        component:
          'A small shop wired to six intents (comparing, unsure about fit, worried about delivery, ready to buy, buying a gift, needing help), their next steps and four adaptive slots. Behave like a hesitant shopper: linger on shipping, open delivery details, and the side panel switches to delivery reassurance and explains why.',
      },
    },
  },
} satisfies Meta<typeof Storefront>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Start on the product list; the devtools panel on the right shows every belief and decision. */
export const Shop: Story = { args: { start: 'list', devtools: true } };

/** The product page on its own: try it yourself (the chromium test drives this one). */
export const ProductPage: Story = { args: { start: 'product' } };

/**
 * A shopper worried about delivery: dwells on the shipping section, opens delivery details twice.
 * The assist slot switches to delivery reassurance, without moving anything on the page.
 */
export const HesitantShopper: Story = {
  args: { start: 'product' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const user = userEvent.setup({ delay: null });
    const slot = () => canvasElement.querySelector('[data-intent-slot="pdp-assist"]');
    await waitFor(() => expect(slot()).toHaveAttribute('data-variant', 'standard'));
    const shipping = canvasElement.querySelector('[data-intent-section="shipping"]');
    shipping?.scrollIntoView?.({ block: 'center' });
    await pause(DWELL_MS + 400);
    const details = canvas.getByRole('button', { name: 'Delivery details' });
    await user.click(details);
    await pause(700);
    await user.click(details);
    await pause(700);
    await user.click(details);
    await waitFor(() => expect(slot()).toHaveAttribute('data-variant', 'delivery-reassurance'));
    await expect(slot()).toHaveTextContent('Shown because you seem to be worried about delivery');
    await expect(slot()).toHaveTextContent('opened delivery details');
    await expect(canvas.getByTestId('next-step')).toHaveTextContent('See exact delivery dates');
  },
};

/** Pinned in the story's parameters: what a shopper unsure about fit sees on the product page. */
export const UnsureAboutFit: Story = {
  args: { start: 'product' },
  parameters: { intentful: { ...intentful, intent: 'fit-uncertain', confidence: 0.85 } },
  play: async ({ canvasElement }) => {
    const slot = canvasElement.querySelector('[data-intent-slot="pdp-assist"]');
    await expect(slot).toHaveAttribute('data-variant', 'fit-guide');
  },
};

/** An explicit choice outranks inference: the shopper said it is a gift. */
export const DeclaredGift: Story = {
  args: { start: 'cart' },
  parameters: { intentful: { ...intentful, intent: 'gift', declared: true } },
  play: async ({ canvasElement }) => {
    const slot = canvasElement.querySelector('[data-intent-slot="cart-banner"]');
    await expect(slot).toHaveAttribute('data-variant', 'gift-wrap');
    await expect(slot).toHaveTextContent('Shown because you told us: buying a gift.');
  },
};

/** Plays a worried shopper's session live, with short gaps: watch the assist panel change. */
export const WatchItAdapt: Story = {
  args: { start: 'product' },
  parameters: {
    intentful: {
      ...intentful,
      replay: 'live',
      signals: [
        { type: 'dwell', target: 'shipping', data: { ms: 4000 }, after: 800 },
        { type: 'click', target: 'delivery-details', after: 800 },
        { type: 'click', target: 'delivery-details', after: 800 },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const slot = () => canvasElement.querySelector('[data-intent-slot="pdp-assist"]');
    await expect(slot()).toHaveAttribute('data-variant', 'standard');
    await waitFor(() => expect(slot()).toHaveAttribute('data-variant', 'delivery-reassurance'), {
      timeout: 5000,
    });
  },
};

/** Replays the "stuck at checkout" scenario: the checkout offers live help. */
export const StuckAtCheckout: Story = {
  args: { start: 'checkout' },
  parameters: { intentful: { ...intentful, scenario: 'frustrated' } },
  play: async ({ canvasElement }) => {
    const slot = canvasElement.querySelector('[data-intent-slot="checkout-help"]');
    await expect(slot).toHaveAttribute('data-variant', 'live-help');
  },
};

/**
 * A purchase completes "ready to buy" (`satisfiedBy` in the model): after paying, the intent is
 * retired for an hour, so the shop stops offering checkout shortcuts to someone who just bought.
 */
export const AfterCheckout: Story = {
  args: { start: 'checkout' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /^Pay/ }));
    await expect(await canvas.findByTestId('satisfied')).toHaveTextContent(
      "We won't suggest checkout shortcuts for a while: you just bought.",
    );
  },
};
