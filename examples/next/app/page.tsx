// #region readme:next-page
// app/page.tsx: a Server Component. The server HTML holds the fallback; `live` lets the slot
// switch while the visitor looks, instead of at the next page.
import { AdaptiveSlot, createIntentful, Variant, WhyThis } from 'intentful';
import { model } from './model';

export default function ProductPage() {
  // The model and the client are server-safe: no browser, no signals, so no top intent yet.
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
      <AdaptiveSlot id="pdp-side" live>
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
