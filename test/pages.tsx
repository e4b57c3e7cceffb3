// Small pages that tests render: one slot with a fallback, a compare variant and <WhyThis>.
import { AdaptiveSlot, type Intentful, IntentProvider, Variant, WhyThis } from 'intentful';

/** `<IntentProvider>` around the `hero` slot (standard / compare) with its `<WhyThis>`. */
export function heroPage(client: Intentful<string, string>, options: { live?: boolean } = {}) {
  return (
    <IntentProvider client={client}>
      <AdaptiveSlot id="hero" {...(options.live && { live: true })}>
        <Variant id="standard" fallback>
          Standard
        </Variant>
        <Variant id="compare" intents={['compare']}>
          Compare
        </Variant>
        <WhyThis />
      </AdaptiveSlot>
    </IntentProvider>
  );
}
