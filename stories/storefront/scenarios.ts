import type { Scenario } from 'intentful/storybook';

/** Scripted sessions the toolbar can replay on any story. */
export const shopScenarios = {
  'shipping-worry': {
    label: 'Worried about delivery',
    signals: [
      { type: 'page-view', target: '/products/trail-runner', data: { pageType: 'product' } },
      { type: 'dwell', target: 'shipping', data: { ms: 4000 }, after: 5000 },
      { type: 'click', target: 'delivery-details', after: 3000 },
      { type: 'click', target: 'delivery-details', after: 6000 },
    ],
  },
  'size-unsure': {
    label: 'Unsure about size',
    signals: [
      { type: 'page-view', target: '/products/trail-runner', data: { pageType: 'product' } },
      { type: 'click', target: 'size-42', after: 2000 },
      { type: 'click', target: 'size-43', after: 1500 },
      { type: 'dwell', target: 'sizing', data: { ms: 4000 }, after: 4000 },
      { type: 'click', target: 'size-guide', after: 2000 },
    ],
  },
  comparer: {
    label: 'Comparing two shoes',
    signals: [
      { type: 'page-view', target: '/products/trail-runner', data: { pageType: 'product' } },
      { type: 'click', target: 'compare', after: 3000 },
      { type: 'page-view', target: '/products/road-glide', data: { pageType: 'product' } },
      { type: 'click', target: 'compare', after: 2000 },
      { type: 'dwell', target: 'reviews', data: { ms: 4000 }, after: 5000 },
    ],
  },
  'gift-buyer': {
    label: 'Buying a gift',
    signals: [
      { type: 'search', data: { query: 'gift' } },
      { type: 'click', target: 'gift-options', after: 4000 },
    ],
  },
  frustrated: {
    label: 'Stuck at checkout',
    signals: [
      { type: 'page-view', target: '/checkout', data: { pageType: 'checkout' } },
      { type: 'form-hesitation', target: 'postcode', after: 8000 },
      { type: 'rage-click', target: 'pay', after: 3000 },
    ],
  },
} satisfies { [name: string]: Scenario };
