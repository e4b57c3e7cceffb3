import { defineModel } from 'intentful/core';

/** A storefront's intents, the evidence for each and the guidance tied to them. */
export const shopModel = defineModel({
  intents: {
    compare: {
      label: 'comparing options',
      halfLife: 180_000,
      evidence: [
        {
          id: 'compare-open',
          label: 'opened the comparison',
          when: { type: 'click', target: 'compare' },
          weight: 1.4,
          maxContribution: 3,
        },
        {
          id: 'products-viewed',
          label: 'viewed several products',
          when: { type: 'page-view', data: { pageType: 'product' } },
          weight: 0.45,
          maxContribution: 1.8,
        },
        {
          id: 'spec-dwell',
          label: 'read the specs',
          when: { type: 'dwell', target: 'specs' },
          weight: 0.5,
          scaleBy: { field: 'ms', factor: 0.001, transform: 'log1p' },
          maxContribution: 2,
        },
        {
          id: 'filtered',
          label: 'filtered the list',
          when: { type: 'filter' },
          weight: 0.4,
          maxContribution: 1.2,
        },
        {
          id: 'went-to-cart',
          label: 'moved on to the cart',
          when: { type: 'cart-add' },
          weight: -1.2,
        },
      ],
    },
    'fit-uncertainty': {
      label: 'unsure about the fit',
      halfLife: 240_000,
      evidence: [
        {
          id: 'size-guide',
          label: 'opened the size guide',
          when: { type: 'click', target: 'size-guide' },
          weight: 1.3,
          maxContribution: 3,
        },
        {
          id: 'size-dwell',
          label: 'lingered on sizing',
          when: { type: 'dwell', target: 'sizing' },
          weight: 0.6,
          scaleBy: { field: 'ms', factor: 0.001, transform: 'log1p' },
          maxContribution: 2,
        },
        {
          id: 'size-hesitation',
          label: 'hesitated over the size picker',
          when: { type: 'hesitation', target: 'size-picker' },
          weight: 0.8,
        },
        {
          id: 'returns-read',
          label: 'read the returns policy',
          when: { type: 'dwell', target: 'returns' },
          weight: 0.3,
          scaleBy: { field: 'ms', factor: 0.001, transform: 'log1p' },
          maxContribution: 1,
        },
      ],
    },
    'shipping-concern': {
      label: 'worried about delivery',
      halfLife: 240_000,
      evidence: [
        {
          id: 'shipping-dwell',
          label: 'kept reading shipping details',
          when: { type: 'dwell', target: 'shipping' },
          weight: 0.7,
          scaleBy: { field: 'ms', factor: 0.001, transform: 'log1p' },
          maxContribution: 2.5,
        },
        {
          id: 'delivery-open',
          label: 'opened delivery details',
          when: { type: 'click', target: 'delivery-*' },
          weight: 1.1,
          maxContribution: 3,
        },
        {
          id: 'shipping-search',
          label: 'searched for delivery',
          when: { type: 'search', data: { topic: 'shipping' } },
          weight: 1.2,
        },
      ],
    },
    'ready-to-buy': {
      label: 'ready to buy',
      halfLife: 600_000,
      evidence: [
        {
          id: 'added-to-cart',
          label: 'added to cart',
          when: { type: 'cart-add' },
          weight: 1.6,
          maxContribution: 3,
        },
        {
          id: 'checkout-view',
          label: 'opened checkout',
          when: { type: 'page-view', data: { pageType: 'checkout' } },
          weight: 1.2,
        },
        { id: 'removed', label: 'removed from cart', when: { type: 'cart-remove' }, weight: -1 },
        {
          id: 'form-abandon',
          label: 'left the checkout form',
          when: { type: 'form-abandon' },
          weight: -1.4,
        },
      ],
    },
    gift: {
      label: 'buying a gift',
      halfLife: 900_000,
      evidence: [
        {
          id: 'gift-wrap',
          label: 'looked at gift wrapping',
          when: { type: 'click', target: 'gift-*' },
          weight: 1.5,
          maxContribution: 3,
        },
        {
          id: 'gift-campaign',
          label: 'came from a gift campaign',
          when: { type: 'session', data: { campaign: ['gifts', 'holiday'] } },
          weight: 1,
        },
      ],
    },
    'needs-support': {
      label: 'needs help',
      halfLife: 120_000,
      evidence: [
        {
          id: 'rage',
          label: 'clicked repeatedly in frustration',
          when: { type: 'rage-click' },
          weight: 1.4,
          maxContribution: 3,
        },
        {
          id: 'dead',
          label: 'clicked things that did nothing',
          when: { type: 'dead-click' },
          weight: 0.6,
          maxContribution: 1.8,
        },
        {
          id: 'form-stuck',
          label: 'paused long in a form field',
          when: { type: 'form-hesitation' },
          weight: 0.7,
          maxContribution: 2,
        },
      ],
    },
  },
  steps: [
    {
      id: 'comparison-table',
      intent: 'compare',
      label: 'Show a side-by-side comparison',
      minConfidence: 0.65,
    },
    {
      id: 'fit-guide',
      intent: 'fit-uncertainty',
      label: 'Offer the fit guide',
      minConfidence: 0.6,
    },
    {
      id: 'delivery-promise',
      intent: 'shipping-concern',
      label: 'Promise a delivery date',
      minConfidence: 0.6,
      priority: 1,
    },
    {
      id: 'express-checkout',
      intent: 'ready-to-buy',
      label: 'Offer express checkout',
      minConfidence: 0.7,
      priority: 2,
    },
    { id: 'gift-note', intent: 'gift', label: 'Offer a gift note', minConfidence: 0.7 },
    {
      id: 'live-help',
      intent: 'needs-support',
      label: 'Offer live help',
      minConfidence: 0.6,
      priority: 3,
    },
  ],
});
