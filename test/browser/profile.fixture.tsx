import { createIntentful, defineModel, IntentProvider, persistence, useTrack } from 'intentful';
import { IntentProfile, IntentQuestion } from 'intentful/profile';
import type { CSSProperties } from 'react';
import { createRoot } from 'react-dom/client';

const model = defineModel({
  intents: {
    compare: {
      label: 'comparing options',
      evidence: [
        {
          id: 'compare-open',
          label: 'opened the comparison',
          when: { type: 'click', target: 'compare' },
          weight: 1.5,
        },
      ],
    },
    'shipping-concern': {
      label: 'worried about delivery',
      evidence: [
        {
          id: 'delivery-open',
          label: 'opened delivery details',
          when: { type: 'click', target: 'delivery' },
          weight: 1.3,
        },
      ],
    },
    gift: { label: 'buying a gift', evidence: [] },
  },
});

const client = createIntentful({
  model,
  consent: 'granted',
  plugins: [persistence({ saveDelay: 0 })],
});

declare global {
  interface Window {
    __profile: { ready: boolean; client: typeof client };
  }
}
window.__profile = { ready: false, client };

function Shop() {
  const track = useTrack();
  return (
    <p>
      <button
        type="button"
        id="delivery"
        onClick={() => track({ type: 'click', target: 'delivery' })}
      >
        Delivery details
      </button>{' '}
      <button
        type="button"
        id="compare"
        onClick={() => track({ type: 'click', target: 'compare' })}
      >
        Compare
      </button>
    </p>
  );
}

// ?theme=dark: the same components themed through their CSS variables only (as the story does).
const dark = {
  background: '#0d1117',
  color: '#f0f6fc',
  '--intentful-bg': '#161b22',
  '--intentful-fg': '#f0f6fc',
  '--intentful-muted': '#c9d1d9',
  '--intentful-accent': '#79c0ff',
  '--intentful-border': '#3d444d',
  '--intentful-danger': '#ffa198',
} as CSSProperties;
const theme = new URLSearchParams(location.search).get('theme') === 'dark' ? dark : {};

createRoot(document.getElementById('root') as HTMLElement).render(
  <IntentProvider client={client}>
    <main
      style={{ padding: '24px', display: 'grid', gap: '16px', justifyItems: 'start', ...theme }}
    >
      <h1 style={{ margin: 0 }}>Trail running shoe</h1>
      <Shop />
      <div id="question">
        <IntentQuestion
          choices={[
            { intent: 'compare', label: 'Comparing a few options' },
            { intent: 'shipping-concern', label: 'Checking delivery' },
            { intent: 'gift', label: 'Buying a gift' },
          ]}
        />
      </div>
      <div id="profile">
        <IntentProfile />
      </div>
    </main>
  </IntentProvider>,
);
window.__profile.ready = true;
