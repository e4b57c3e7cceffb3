import type { Preview } from '@storybook/react-vite';
import { MotionGlobalConfig } from 'framer-motion';
import { intentfulGlobals, intentToolbar, withIntentful } from 'intentful/storybook';
import { shopModel, shopSlots } from '../stories/storefront/model';
import { shopScenarios } from '../stories/storefront/scenarios';
import './design-system.css';

// Automated runs (vitest, the chromium e2e test) measure layout and take screenshots: a
// half-finished crossfade would make both flaky.
if (typeof navigator !== 'undefined' && navigator.webdriver)
  MotionGlobalConfig.skipAnimations = true;

/** The widths the shop is designed and screenshot-tested at (360–1440 px). */
const viewports = {
  'small-phone': {
    name: 'Small phone (360)',
    styles: { width: '360px', height: '740px' },
    type: 'mobile',
  },
  phone: { name: 'Phone (390)', styles: { width: '390px', height: '844px' }, type: 'mobile' },
  tablet: { name: 'Tablet (768)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
  laptop: { name: 'Laptop (1280)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
  desktop: {
    name: 'Desktop (1440)',
    styles: { width: '1440px', height: '900px' },
    type: 'desktop',
  },
} as const;

const preview: Preview = {
  decorators: [withIntentful],
  globalTypes: intentToolbar({ intents: [shopModel], scenarios: shopScenarios }),
  initialGlobals: { ...intentfulGlobals },
  parameters: {
    intentful: { model: shopModel, slots: shopSlots, scenarios: shopScenarios },
    controls: { expanded: true },
    a11y: { test: 'error' },
    layout: 'padded',
    viewport: { options: viewports },
  },
  tags: ['autodocs'],
};

export default preview;
