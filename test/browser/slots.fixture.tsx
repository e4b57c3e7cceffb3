import {
  AdaptiveSlot,
  analytics,
  beaconSink,
  createIntentful,
  defineModel,
  IntentProvider,
  type SlotEvent,
  useTrack,
  Variant,
} from 'intentful';
import { createRoot } from 'react-dom/client';
import { Crossfade } from '../../src/motion/index';

declare global {
  interface Window {
    __slots: { events: SlotEvent[]; ready: boolean };
  }
}

window.__slots = { events: [], ready: false };
const params = new URLSearchParams(location.search);
const below = params.get('below') === '1';
const reserve = params.get('reserve') === '1';

const model = defineModel({
  intents: {
    compare: { evidence: [{ when: { type: 'click', target: 'compare' }, weight: 2 }] },
  },
});

const sinks = [
  (e: SlotEvent) => {
    window.__slots.events.push(e);
  },
  beaconSink({ url: '/events', interval: 60_000 }),
];

// No plugins: neither collectors nor persistence (the old `collect={false} persist={false}`).
const client = createIntentful({ model, consent: 'granted', plugins: [analytics({ sinks })] });

function Compare() {
  const track = useTrack();
  return (
    <button id="compare" type="button" onClick={() => track({ type: 'click', target: 'compare' })}>
      compare
    </button>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <IntentProvider client={client}>
    <Compare />
    {below && <div id="spacer" style={{ height: '3000px' }} />}
    {reserve ? (
      // Variants of different heights, no min-height: the slot sizes itself to the tallest.
      <AdaptiveSlot id="hero" live reserve style={{ border: '1px solid' }}>
        <Variant id="standard" fallback>
          <p style={{ height: '60px', margin: 0 }}>Standard</p>
        </Variant>
        <Variant id="compare" intents={['compare']}>
          <p style={{ height: '180px', margin: 0 }}>Compare plans</p>
        </Variant>
      </AdaptiveSlot>
    ) : (
      <AdaptiveSlot id="hero" transition={Crossfade} live>
        <Variant id="standard" fallback>
          <p style={{ height: '200px', margin: 0 }}>Standard</p>
        </Variant>
        <Variant id="compare" intents={['compare']}>
          <p style={{ height: '200px', margin: 0 }}>Compare plans</p>
        </Variant>
      </AdaptiveSlot>
    )}
    <p id="after">Below the slot</p>
  </IntentProvider>,
);
window.__slots.ready = true;
