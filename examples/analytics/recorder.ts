// Type-checked with the repository (tsconfig includes examples/); the README shows the region.
// #region readme:recorder
import { collectors, createIntentful } from 'intentful/core';
import { recorder } from 'intentful/recorder';
import { shopModel } from '../shop-model';

export const sessions = recorder({
  outcomes: ['purchase'],
  // Optional: finished sessions go to your endpoint (with consent to send), one JSON per line.
  send: (jsonl) => navigator.sendBeacon('/intentful/sessions', jsonl),
});

export const client = createIntentful({
  model: shopModel,
  consent: 'pending',
  plugins: [collectors(), sessions],
});

export function onOrderConfirmed(): void {
  // Or track a `goal` signal with target 'purchase': either labels the session.
  sessions.label('purchase');
  sessions.end();
}

export function onDownloadClick(): void {
  sessions.download('intentful-sessions.jsonl');
}
// #endregion
