/**
 * Replays a hesitant shopper's session through the intent client and prints how beliefs and
 * the next step evolve. No React: the same client an app hands to `<IntentProvider>`, fed by
 * hand instead of by collectors. Run: npm run demo
 */
import { createIntentful, explain, type SignalInput, trails } from 'intentful/core';
import { shopModel } from './shop-model';

const session: [seconds: number, signal: SignalInput, note: string][] = [
  [
    0,
    { type: 'session', data: { referrer: 'search.example', device: 'mobile' } },
    'arrives from a search engine',
  ],
  [
    2,
    { type: 'page-view', target: '/jackets', data: { pageType: 'category' } },
    'opens the jackets category',
  ],
  [15, { type: 'filter', target: 'waterproof' }, 'filters for waterproof'],
  [
    30,
    { type: 'page-view', target: '/p/storm', data: { pageType: 'product' } },
    'views the Storm jacket',
  ],
  [
    62,
    { type: 'page-view', target: '/p/breeze', data: { pageType: 'product' } },
    'views the Breeze jacket',
  ],
  [80, { type: 'click', target: 'compare' }, 'opens the comparison'],
  [110, { type: 'dwell', target: 'specs', data: { ms: 14_000 } }, 'reads the specs for 14 s'],
  [140, { type: 'click', target: 'compare' }, 'opens the comparison again'],
  [
    200,
    { type: 'dwell', target: 'shipping', data: { ms: 12_000 } },
    'reads shipping details for 12 s',
  ],
  [230, { type: 'click', target: 'delivery-dates' }, 'opens delivery dates'],
  [260, { type: 'click', target: 'delivery-dates' }, 'opens delivery dates again'],
  [270, { type: 'step-dismiss', target: 'delivery-promise' }, 'dismisses the delivery promise'],
  [
    330,
    { type: 'cart-add', target: 'storm', data: { price: 189 } },
    'adds the Storm jacket to the cart',
  ],
  [
    360,
    { type: 'page-view', target: '/checkout', data: { pageType: 'checkout' } },
    'opens checkout',
  ],
  [
    420,
    { type: 'form-hesitation', target: 'card-number', data: { pauseMs: 9000 } },
    'pauses 9 s at the card field',
  ],
];

let now = Date.UTC(2026, 10, 23, 10, 0, 0);
const start = now;
// A fake clock, so the replay runs in an instant; without collectors nothing touches the DOM.
// trails() keeps the signals behind each belief, printed at the end.
const client = createIntentful({ model: shopModel, clock: () => now, plugins: [trails()] });
client.mount();
const bar = (p: number) => '█'.repeat(Math.round(p * 20)).padEnd(20, '·');
const intents = shopModel.intentIds;

for (const [seconds, signal, note] of session) {
  now = start + seconds * 1000;
  client.track(signal);
  const { beliefs, top, nextStep } = client.getState();
  console.log(`\n[${String(seconds).padStart(3)} s] ${note}`);
  for (const id of intents) {
    const b = beliefs[id];
    console.log(
      `  ${b.intent.padEnd(17)} ${bar(b.confidence)} ${(b.confidence * 100).toFixed(0).padStart(3)}%`,
    );
  }
  console.log(`  top intent: ${top ? top.intent : '(none yet)'}`);
  console.log(`  next step:  ${nextStep ? nextStep.why : '(nothing: no intent is clear enough)'}`);
}

now += 600_000;
console.log('\n[+10 min] no new evidence: beliefs decay toward their priors');
for (const id of intents) {
  // Read at the clock's time; the state itself refreshes on the client's own timer.
  const b = client.belief(id);
  console.log(
    `  ${b.intent.padEnd(17)} ${bar(b.confidence)} ${(b.confidence * 100).toFixed(0).padStart(3)}%`,
  );
}
console.log(`\nwhy ready-to-buy? ${explain(client.belief('ready-to-buy'))}`);
console.log(
  `trail: ${client
    .trail('ready-to-buy')
    .map((e) => `${e.rule} ${e.applied >= 0 ? '+' : ''}${e.applied.toFixed(2)}`)
    .join(', ')}`,
);
// Stops the client's refresh timer, or node would wait for it.
client.unmount();
