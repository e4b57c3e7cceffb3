// Fake globals built the way each vendor's documented snippet builds them, so the tests pin the
// calls a real page would queue before (and make after) the vendor's script loads.
type Win = Record<string, unknown>;
export const win = globalThis as unknown as Win;

/** The Google tag snippet: `dataLayer` plus a `gtag` that pushes its `arguments`. */
export function googleTagSnippet(): unknown[] {
  const dataLayer: unknown[] = [];
  win.dataLayer = dataLayer;
  win.gtag = function gtag() {
    // biome-ignore lint/complexity/noArguments: the snippet pushes `arguments` itself.
    dataLayer.push(arguments);
  };
  return dataLayer;
}

/** Segment's Analytics.js snippet before the library loads: an array with queueing stubs. */
export function segmentSnippet(): unknown[][] {
  const analytics = [] as unknown as unknown[][] & Record<string, unknown>;
  for (const method of ['track', 'page', 'identify']) {
    analytics[method] = (...args: unknown[]) => {
      analytics.push([method, ...args]);
      return analytics;
    };
  }
  win.analytics = analytics;
  return analytics;
}

/** PostHog's snippet after `posthog.init(...)`: an array whose stubs push `[method, ...args]`. */
export function posthogSnippet(): unknown[][] {
  const posthog = [] as unknown as unknown[][] & Record<string, unknown>;
  posthog._i = [['phc_test', {}, 'posthog']];
  for (const method of ['capture', 'identify', 'register']) {
    posthog[method] = (...args: unknown[]) => {
      posthog.push([method, ...args]);
    };
  }
  win.posthog = posthog;
  return posthog;
}
