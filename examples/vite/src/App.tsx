// #region readme:app
// App.tsx
import { AdaptiveSlot, IntentProvider, useNextStep, Variant, WhyThis } from 'intentful';
import { intentful } from './intentful';

function DeliveryPromise() {
  const step = useNextStep(); // null until something is clear enough: show nothing
  if (step?.id !== 'delivery-promise') return null;
  return (
    <aside>
      We ship within 24 hours.{' '}
      <button type="button" onClick={step.dismiss}>
        Hide
      </button>
    </aside>
  );
}

export default function App() {
  return (
    <IntentProvider client={intentful}>
      <button type="button" data-intent-target="delivery-dates">
        Delivery dates
      </button>
      <button type="button" data-intent-target="delivery-options">
        Delivery options
      </button>
      <AdaptiveSlot id="pdp-side" live>
        <Variant id="standard" fallback>
          Free returns within 30 days.
        </Variant>
        <Variant id="delivery-reassurance" intents={['shipping-concern']}>
          Order by 4 pm, at your door tomorrow.
        </Variant>
      </AdaptiveSlot>
      <WhyThis slot="pdp-side" />
      <DeliveryPromise />
    </IntentProvider>
  );
}
// #endregion
