import { defineModel } from 'intentful/core';

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
});
