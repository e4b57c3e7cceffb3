import type { Meta, StoryObj } from '@storybook/react-vite';
import { IntentDevtools, IntentDevtoolsPanel } from 'intentful/devtools';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PdpAssist } from './storefront/slots';

const meta = {
  title: 'Components/IntentDevtools',
  component: IntentDevtoolsPanel,
  subcomponents: { IntentDevtools },
  parameters: {
    intentful: { scenario: 'shipping-worry' },
    docs: {
      description: {
        component:
          "From `intentful/devtools`: a live signal feed, beliefs with confidence, decay and evidence, each slot's decision and reason, and controls to simulate, declare, reset and forget. Renders nothing in production unless `enabled`. `<IntentDevtools>` is the floating toggle; `<IntentDevtoolsPanel>` renders inline.",
      },
    },
  },
  render: (args) => (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))',
        gap: 16,
        alignItems: 'start',
      }}
    >
      <PdpAssist />
      <IntentDevtoolsPanel {...args} />
    </div>
  ),
} satisfies Meta<typeof IntentDevtoolsPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Panel: Story = {
  play: async ({ canvasElement }) => {
    const panel = within(canvasElement).getByRole('region', { name: 'intentful devtools' });
    await expect(panel).toHaveTextContent('worried about delivery');
    await expect(panel).toHaveTextContent('pdp-assist → delivery-reassurance');
    await expect(panel).toHaveTextContent('click · delivery-details');
  },
};

export const SimulateAndReset: Story = {
  parameters: { intentful: { scenario: null } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByLabelText('Intent'), 'fit-uncertain');
    await userEvent.click(canvas.getByRole('button', { name: 'Simulate' }));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-intent-slot="pdp-assist"]')).toHaveAttribute(
        'data-variant',
        'fit-guide',
      ),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Reset'));
  },
};

export const Floating: Story = {
  render: () => <IntentDevtools initialIsOpen position="bottom-right" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Close intentful devtools' }));
    await expect(canvas.queryByRole('region', { name: 'intentful devtools' })).toBeNull();
  },
};

export const DisabledInProduction: Story = {
  args: { enabled: false },
  render: (args) => (
    <div>
      <p>The panel below is disabled, as in a production build without `enabled`.</p>
      <IntentDevtoolsPanel {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-intentful-devtools]')).toBeNull();
  },
};
