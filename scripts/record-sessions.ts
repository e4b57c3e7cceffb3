// Replays a REES46 event export through the client with recorder(), as if the storefront had
// recorded those shoppers, and writes what the recorder kept: the README walkthrough's input.
// Usage: npx tsx scripts/record-sessions.ts <rees46.csv> <out.jsonl>
import { readFileSync, writeFileSync } from 'node:fs';
import { convertRees46 } from '../src/calibrate/convert';
import { createIntentful, defineModel, type IntentDefinition } from '../src/core/index';
import { recorder } from '../src/recorder/index';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: npx tsx scripts/record-sessions.ts <rees46.csv> <out.jsonl>');
  process.exit(2);
}
const shopping = JSON.parse(
  readFileSync(new URL('../models/shopping.json', import.meta.url), 'utf8'),
) as {
  intents: Record<string, IntentDefinition>;
};
const model = defineModel({ intents: shopping.intents });
// The signals a storefront's collectors send for each event (page views of product pages with
// price and view counts, dwell, cart adds, the purchase goal), from the converter.
const { sessions } = convertRees46(readFileSync(input, 'utf8'));
const lines: string[] = [];
let signals = 0;
for (const session of sessions) {
  let now = session.signals[0]?.at ?? 0;
  const rec = recorder({ outcomes: ['purchase'], maxSignals: 5000, storage: null });
  const client = createIntentful({
    model,
    consent: 'granted',
    clock: () => now,
    historySize: 5000,
    plugins: [rec],
  });
  client.mount();
  for (const s of session.signals) {
    now = s.at;
    client.track({ ...s });
  }
  client.unmount();
  for (const recorded of rec.sessions()) signals += recorded.signals.length;
  lines.push(rec.toJSONL());
}
writeFileSync(output, lines.join(''));
const kept = lines.join('').split('\n').filter(Boolean).length;
const bought = lines.filter((l) => l.includes('"purchase":true')).length;
console.error(
  `recorded ${kept} sessions (${bought} with a purchase, ${signals} signals) from ${sessions.length} shoppers to ${output}`,
);
