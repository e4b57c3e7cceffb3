import { defineModel } from 'intentful';

export const model = defineModel({
  intents: {
    'shipping-concern': {
      label: 'worried about delivery',
      evidence: [
        {
          id: 'delivery-open',
          label: 'opened delivery details',
          when: { type: 'click', target: 'delivery-*' },
          weight: 1.3,
        },
      ],
    },
  },
  steps: [{ id: 'delivery-promise', intent: 'shipping-concern', minConfidence: 0.6 }],
});

// Typed ids: a typo in an intent, step, slot or variant id is a compile error.
declare module 'intentful' {
  interface Register {
    model: typeof model;
  }
}
