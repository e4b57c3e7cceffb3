import type { Meta, StoryObj } from '@storybook/react-vite';
import { VariantGallery } from 'intentful/storybook';
import { expect, within } from 'storybook/test';
import { shopModel, shopSlots } from './storefront/model';
import { slotTitles, slotViews } from './storefront/slots';

const meta = {
  title: 'Designers/Variant gallery',
  component: VariantGallery,
  parameters: {
    // Each variant gets its own simulated shopper inside the gallery; no story-wide client.
    intentful: { disable: true },
    docs: {
      description: {
        component:
          'Every slot of the shop with all its versions side by side. Each version is shown as a shopper with its intent sees it, labelled with who sees it and the "why" text that shopper reads. Switch the viewport to see phone width.',
      },
    },
  },
  args: {
    slots: shopSlots,
    model: shopModel,
    titles: slotTitles,
    render: (slot: string, variant: string | undefined) => slotViews[slot]?.(variant) ?? null,
  },
} satisfies Meta<typeof VariantGallery>;

export default meta;
type Story = StoryObj<typeof meta>;

const variantCount = Object.values(shopSlots.slots).reduce((n, s) => n + s.ids.length, 0);

/** Every version of every slot at desktop width. */
export const AllSlots: Story = {
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('[data-gallery-variant]')).toHaveLength(
      variantCount,
    );
    const delivery = canvasElement.querySelector(
      '[data-gallery-variant="pdp-assist/delivery-reassurance"]',
    ) as HTMLElement;
    // Designer language: the intent's label and the end user's own "why", never an id.
    await expect(delivery).toHaveTextContent('Shoppers who seem to be worried about delivery');
    await expect(delivery.querySelector('[data-gallery-why]')).toHaveTextContent(
      'Shown because you seem to be worried about delivery (80% sure).',
    );
    await expect(delivery).not.toHaveTextContent('shipping-concern');
    // The slot chose this version for that shopper itself: its policy ran, nothing was forced.
    const slot = delivery.querySelector('[data-intent-slot="pdp-assist"]');
    await expect(slot).toHaveAttribute('data-variant', 'delivery-reassurance');
    await expect(slot).toHaveAttribute('data-policy', 'intent-match');
    const standard = canvasElement.querySelector(
      '[data-gallery-variant="pdp-assist/standard"]',
    ) as HTMLElement;
    await expect(standard).toHaveTextContent('Everyone else, and the comparison group');
    await expect(standard.querySelector('[data-gallery-why]')).toHaveTextContent(
      'The standard version: nothing specific stood out yet.',
    );
    await expect(
      within(canvasElement).getByRole('heading', { name: 'Product page: help beside the product' }),
    ).toBeVisible();
  },
};

/** The same at phone width (390 px): one column, every version as a phone shows it. */
export const AllSlotsOnPhone: Story = {
  globals: { viewport: { value: 'phone', isRotated: false } },
};

/** One slot only: the product page's help panel. */
export const ProductPageSlot: Story = { args: { only: ['pdp-assist'] } };
