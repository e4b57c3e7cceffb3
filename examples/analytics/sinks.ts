// Type-checked with the repository (tsconfig includes examples/) and run by test/sinks/example.test.ts; the README shows the region.
// #region readme:sinks
import { analytics, createIntentful } from 'intentful/core';
import { ga4Sink } from 'intentful/sinks/ga4';
import { posthogSink } from 'intentful/sinks/posthog';
import { segmentSink } from 'intentful/sinks/segment';
import { shopModel } from '../shop-model';

export const client = createIntentful({
  model: shopModel,
  // Nothing reaches any vendor until the user grants consent: client.setConsent('granted').
  consent: 'pending',
  plugins: [
    analytics({
      sinks: [
        ga4Sink(),
        segmentSink(),
        posthogSink({ events: ['exposure', 'outcome', 'decision'] }),
      ],
    }),
  ],
});
// #endregion
