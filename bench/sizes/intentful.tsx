import { AdaptiveSlot, createIntentful, defineModel, IntentProvider, Variant } from 'intentful';

const model = defineModel({
  intents: {
    compare: { evidence: [{ when: { type: 'click', target: 'compare' }, weight: 1.4 }] },
  },
});

// Built once, outside components, as the peers build their clients.
const client = createIntentful({ model });

export function App() {
  return (
    <IntentProvider client={client}>
      <AdaptiveSlot id="hero">
        <Variant id="standard" fallback>
          <p>Our spring collection</p>
        </Variant>
        <Variant id="compare" intents={['compare']}>
          <p>Compare the two jackets side by side</p>
        </Variant>
      </AdaptiveSlot>
    </IntentProvider>
  );
}
