import { AdaptiveSlot, createIntentful, Variant, WhyThis } from 'intentful';
import { model } from './model';

// #region readme:page
// A Server Component: the slot, its variants and the explanation render on the server with
// the fallback, and switch in the browser once the visitor's clicks show an intent.
export default function ProductPage() {
  // The model and the client are plain data on the server: no browser, no signals yet.
  const top = createIntentful({ model }).getState().top;
  return (
    <main data-server-top={String(top)}>
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
  );
}
// #endregion
