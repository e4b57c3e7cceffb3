import type { Preview } from '@storybook/react-vite';
import { MotionGlobalConfig } from 'framer-motion';
import { intentfulGlobals, intentToolbar, withIntentful } from 'intentful/storybook';
import { shopModel, shopSlots } from '../stories/storefront/model';
import { shopScenarios } from '../stories/storefront/scenarios';

// Automated runs (vitest, the chromium e2e test) measure layout and take screenshots: a
// half-finished crossfade would make both flaky.
if (typeof navigator !== 'undefined' && navigator.webdriver)
  MotionGlobalConfig.skipAnimations = true;

const preview: Preview = {
  decorators: [withIntentful],
  globalTypes: intentToolbar({ intents: [shopModel], scenarios: shopScenarios }),
  initialGlobals: { ...intentfulGlobals },
  parameters: {
    intentful: { model: shopModel, slots: shopSlots, scenarios: shopScenarios },
    controls: { expanded: true },
    a11y: { test: 'error' },
    layout: 'padded',
  },
  tags: ['autodocs'],
};

export default preview;
