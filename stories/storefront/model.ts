/// <reference types="vite/client" />
import { defineModel, defineSlots, type IntentDefinition } from 'intentful';

// The calibration engineer's purchase model, when it has landed: a glob import resolves to
// nothing instead of failing the build while the file does not exist yet.
const calibrated = import.meta.glob<{ intents?: Record<string, IntentDefinition> }>(
  '../../models/shopping.json',
  { eager: true, import: 'default' },
);
const calibratedIntents = Object.values(calibrated)[0]?.intents ?? {};
const calibratedPurchase = Object.values(calibratedIntents)[0];

const handWrittenPurchase: IntentDefinition = {
  label: 'ready to buy',
  evidence: [
    {
      id: 'cart-add',
      label: 'added to cart',
      when: { type: 'cart-add' },
      weight: 1.6,
      maxContribution: 3,
    },
    {
      id: 'checkout-page',
      label: 'opened checkout',
      when: { type: 'page-view', data: { pageType: 'checkout' } },
      weight: 1.4,
    },
    {
      id: 'cart-page',
      label: 'looked at the cart',
      when: { type: 'page-view', data: { pageType: 'cart' } },
      weight: 0.6,
    },
    { id: 'cart-remove', label: 'removed an item', when: { type: 'cart-remove' }, weight: -1 },
  ],
};

export const shopModel = /* @__PURE__ */ defineModel({
  intents: {
    comparing: {
      label: 'comparing products',
      halfLife: 600_000,
      evidence: [
        {
          id: 'compare',
          label: 'added products to compare',
          when: { type: 'click', target: 'compare' },
          weight: 1.3,
          maxContribution: 3,
        },
        {
          id: 'products-viewed',
          label: 'looked at several products',
          when: { type: 'page-view', data: { pageType: 'product' } },
          weight: 0.5,
          maxContribution: 1.5,
        },
        {
          id: 'reviews-dwell',
          label: 'read the reviews',
          when: { type: 'dwell', target: 'reviews' },
          weight: 0.7,
        },
        {
          id: 'filter',
          label: 'filtered the list',
          when: { type: 'filter' },
          weight: 0.5,
          maxContribution: 1,
        },
      ],
    },
    'fit-uncertain': {
      label: 'unsure about the fit',
      evidence: [
        {
          id: 'sizing-dwell',
          label: 'lingered on sizing',
          when: { type: 'dwell', target: 'sizing' },
          weight: 1.2,
        },
        {
          id: 'size-guide',
          label: 'opened the size guide',
          when: { type: 'click', target: 'size-guide' },
          weight: 1,
          maxContribution: 2.5,
        },
        {
          id: 'size-switch',
          label: 'switched sizes',
          when: { type: 'click', target: 'size-*' },
          weight: 0.4,
          maxContribution: 1.2,
        },
      ],
    },
    'shipping-concern': {
      label: 'worried about delivery',
      evidence: [
        {
          id: 'shipping-dwell',
          label: 'lingered on shipping info',
          when: { type: 'dwell', target: 'shipping' },
          weight: 1.2,
        },
        {
          id: 'delivery-details',
          label: 'opened delivery details',
          when: { type: 'click', target: 'delivery-details' },
          weight: 1,
          maxContribution: 2.5,
        },
        {
          id: 'checkout-hesitation',
          label: 'hesitated at checkout',
          when: { type: 'form-hesitation', target: 'postcode' },
          weight: 0.6,
        },
      ],
    },
    // A purchase completes it: for the next hour the shop stops pushing checkout shortcuts.
    'ready-to-buy': {
      ...(calibratedPurchase
        ? { ...calibratedPurchase, label: 'ready to buy' }
        : handWrittenPurchase),
      satisfiedBy: { type: 'goal', target: 'purchase' },
    },
    gift: {
      label: 'buying a gift',
      evidence: [
        {
          id: 'gift-options',
          label: 'looked at gift options',
          when: { type: 'click', target: 'gift-options' },
          weight: 1.5,
        },
        {
          id: 'gift-search',
          label: 'searched for gifts',
          when: { type: 'search', data: { query: ['gift', 'present', 'for him', 'for her'] } },
          weight: 1.2,
        },
      ],
    },
    'needs-support': {
      label: 'stuck and needing help',
      halfLife: 120_000,
      evidence: [
        { id: 'rage', label: 'clicked repeatedly', when: { type: 'rage-click' }, weight: 2.2 },
        {
          id: 'dead',
          label: 'clicked something that did nothing',
          when: { type: 'dead-click' },
          weight: 0.7,
          maxContribution: 1.4,
        },
        {
          id: 'form-stuck',
          label: 'paused on a form field',
          when: { type: 'form-hesitation' },
          weight: 0.6,
          maxContribution: 1.2,
        },
        { id: 'help', label: 'opened help', when: { type: 'click', target: 'help' }, weight: 1.4 },
      ],
    },
  },
  steps: [
    { id: 'reassure-delivery', intent: 'shipping-concern', label: 'See exact delivery dates' },
    { id: 'show-fit-guide', intent: 'fit-uncertain', label: 'Find your size in 30 seconds' },
    { id: 'offer-comparison', intent: 'comparing', label: 'Compare side by side' },
    {
      id: 'express-checkout',
      intent: 'ready-to-buy',
      label: 'Check out in one step',
      minConfidence: 0.7,
    },
    { id: 'add-gift-wrap', intent: 'gift', label: 'Add gift wrap and a note' },
    { id: 'offer-chat', intent: 'needs-support', label: 'Chat with us', priority: 1 },
  ],
});

export type ShopIntent = (typeof shopModel.intentIds)[number];

/** Every slot of the storefront, so the gallery can list them and designers see them all. */
export const shopSlots = /* @__PURE__ */ defineSlots({
  'home-hero': {
    variants: {
      standard: { label: 'New season', fallback: true },
      'compare-picks': { label: 'Compare our best sellers', intents: ['comparing'] },
      'gift-ideas': { label: 'Gift ideas', intents: ['gift'] },
      'easy-returns': { label: 'Free exchanges on size', intents: ['fit-uncertain'] },
    },
  },
  'pdp-assist': {
    live: true,
    variants: {
      standard: { label: 'Product highlights', fallback: true },
      'delivery-reassurance': { label: 'Delivery reassurance', intents: ['shipping-concern'] },
      'fit-guide': { label: 'Fit guide', intents: ['fit-uncertain'] },
      'compare-table': { label: 'Comparison table', intents: ['comparing'] },
      'gift-note': { label: 'Gift wrap and note', intents: ['gift'] },
      'support-chat': { label: 'Chat with an expert', intents: ['needs-support'] },
      'buy-now': { label: 'Fast checkout', intents: ['ready-to-buy'] },
    },
  },
  'cart-banner': {
    variants: {
      standard: { label: 'Order summary tip', fallback: true },
      'delivery-promise': { label: 'Delivery promise', intents: ['shipping-concern'] },
      'gift-wrap': { label: 'Gift wrap', intents: ['gift'] },
      express: { label: 'Express checkout', intents: ['ready-to-buy'] },
    },
  },
  'checkout-help': {
    live: true,
    variants: {
      standard: { label: 'Secure checkout', fallback: true },
      'delivery-dates': { label: 'Delivery dates', intents: ['shipping-concern'] },
      'live-help': { label: 'Live help', intents: ['needs-support'] },
    },
  },
});
