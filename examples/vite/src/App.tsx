// #region readme:vite-app
import { AdaptiveSlot, IntentProvider, Variant, WhyThis } from 'intentful';
import { intentful } from './intentful.ts';

export default function App() {
  return (
    <IntentProvider client={intentful}>
      <main>
        <h1>Trail running shoe</h1>
        <button type="button" data-intent-target="delivery-dates">
          Delivery dates
        </button>
        <button type="button" data-intent-target="delivery-options">
          Delivery options
        </button>
        <AdaptiveSlot id="pdp-side">
          <Variant id="standard" fallback>
            Free returns within 30 days.
          </Variant>
          <Variant id="delivery-reassurance" intents={['shipping-concern']}>
            Order by 4 pm, at your door tomorrow.
          </Variant>
        </AdaptiveSlot>
        <WhyThis slot="pdp-side" />
      </main>
    </IntentProvider>
  );
}
// #endregion
