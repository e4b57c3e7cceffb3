import {
  AdaptiveSlot,
  collectors,
  createIntentful,
  defineModel,
  IntentProvider,
  persistence,
  usePageView,
  Variant,
} from 'intentful';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { observePerformance, type Page, Shop, variantsOf } from './shop';

observePerformance();

const model = defineModel({
  intents: {
    compare: {
      evidence: [
        { when: { type: 'click', target: 'compare' }, weight: 1.2, maxContribution: 3 },
        {
          when: { type: 'page-view', data: { pageType: 'product' } },
          weight: 0.4,
          maxContribution: 1.6,
        },
      ],
    },
    'fit-uncertainty': {
      evidence: [
        { when: { type: 'click', target: 'size-guide' }, weight: 1.3, maxContribution: 3 },
      ],
    },
    'shipping-concern': {
      evidence: [
        { when: { type: 'click', target: 'shipping-info' }, weight: 1.3, maxContribution: 3 },
      ],
    },
    'ready-to-buy': {
      evidence: [{ when: { type: 'click', target: 'add-to-cart' }, weight: 2, maxContribution: 3 }],
    },
  },
});

// The client, built once as an app builds it: every collector on (the app reports page views
// itself, as a router integration does), persistence, consent granted.
const client = createIntentful({
  model,
  unitId: 'bench',
  consent: 'granted',
  plugins: [collectors({ pageViews: { history: false } }), persistence()],
});

// Counted for the bench report: signals the client accepted.
const counters = window as unknown as { __signals: number };
counters.__signals = 0;
client.onSignal(() => {
  counters.__signals++;
});

function PageView(props: { page: Page }) {
  usePageView(`/${props.page}`, props.page);
  return null;
}

function App() {
  const [page, setPage] = useState<Page>('home');
  return (
    <IntentProvider client={client}>
      <PageView page={page} />
      <Shop
        onPage={setPage}
        slot={(slot) => (
          <AdaptiveSlot id={slot}>
            {variantsOf[slot].map((v) => (
              <Variant key={v.id} id={v.id} {...(v.intents && { intents: v.intents })}>
                {v.text}
              </Variant>
            ))}
          </AdaptiveSlot>
        )}
      />
    </IntentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
