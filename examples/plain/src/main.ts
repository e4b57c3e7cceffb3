import './style.css';
// #region readme:plain
// main.ts: a page without React, on the framework-free client
import { collectors, createIntentful, defineSlots } from 'intentful/core';
import { model } from './model';

const slots = defineSlots({
  'pdp-side': {
    live: true,
    variants: {
      standard: { fallback: true },
      'delivery-reassurance': { intents: ['shipping-concern'] },
    },
  },
});

const intentful = createIntentful({ model, slots, plugins: [collectors()] });
intentful.mount(); // listeners, timers and storage start here; intentful.unmount() undoes it

const copy: Record<string, string> = {
  standard: 'Free returns within 30 days.',
  'delivery-reassurance': 'Order by 4 pm, at your door tomorrow.',
};
const box = document.querySelector<HTMLElement>('[data-intent-slot="pdp-side"]')!;
const why = document.querySelector<HTMLDetailsElement>('[data-intent-why="pdp-side"]')!;

const slot = intentful.slot('pdp-side');
function render() {
  const decision = slot.get();
  box.dataset.variant = decision.variant;
  box.dataset.policy = decision.policy;
  box.textContent = copy[decision.variant] ?? '';
  why.querySelector('p')!.textContent = decision.reason;
  why.querySelector('ul')!.replaceChildren(
    ...decision.evidence.map((item) => {
      const li = document.createElement('li');
      li.textContent = item.label;
      return li;
    }),
  );
}
slot.subscribe(render);
render();
slot.expose(); // the variant was seen: recorded for analytics() and bandits
// #endregion
