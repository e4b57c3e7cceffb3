import type { Meta, StoryObj } from '@storybook/react-vite';
import { VariantGallery } from 'intentful/storybook';
import { expect } from 'storybook/test';
import { shopSlots } from './storefront/model';
import { slotViews } from './storefront/slots';

const meta = {
  title: 'Designers/Variant gallery',
  component: VariantGallery,
  parameters: {
    intentful: { disable: true },
    docs: {
      description: {
        component:
          'Every registered slot with all its variants side by side, labelled with the intents they serve. Variants are forced, so no provider or policy is involved.',
      },
    },
  },
  args: {
    slots: shopSlots,
    render: (slot: string, variant: string) => slotViews[slot]?.(variant) ?? null,
  },
} satisfies Meta<typeof VariantGallery>;

export default meta;
type Story = StoryObj<typeof meta>;

export const AllSlots: Story = {
  play: async ({ canvasElement }) => {
    const expected = Object.values(shopSlots.slots).reduce((n, s) => n + s.ids.length, 0);
    const cells = canvasElement.querySelectorAll('[data-gallery-variant]');
    await expect(cells.length).toBe(expected);
    const delivery = canvasElement.querySelector(
      '[data-gallery-variant="pdp-assist/delivery-reassurance"]',
    );
    await expect(delivery).toHaveTextContent('For: shipping-concern');
    await expect(delivery?.querySelector('[data-intent-slot="pdp-assist"]')).toHaveAttribute(
      'data-variant',
      'delivery-reassurance',
    );
  },
};

export const ProductPageSlot: Story = { args: { only: ['pdp-assist'] } };
