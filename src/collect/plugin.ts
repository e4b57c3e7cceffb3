import type { IntentfulPlugin } from '../core/client';
import { removeKeys } from '../core/device';
import type { StorageLike } from '../core/persist';
import { createRedactor, type RedactOptions } from '../core/privacy';
import {
  type CollectOptions,
  type CollectorMemory,
  type Collectors,
  startCollectors,
} from './index';

/** Which collectors run and how, plus redaction of what they read from the page. */
export interface CollectorsOptions extends CollectOptions {
  /**
   * Redact e-mails, phone and card numbers, IBANs, id numbers and URL secrets from every signal
   * before it is stored, collected or tracked. `false` turns it off.
   * @defaultValue `true`
   */
  redact?: boolean | RedactOptions;
}

/**
 * Every browser collector, each switchable and tunable: page views, `data-intent-*` clicks, rage
 * and dead clicks, scroll depth, dwell, hesitation, forms, search and filters, exit intent,
 * visibility and the session context. Listeners attach on `mount()` once consent lets the client
 * collect, and detach on `unmount()`.
 */
export function collectors(options: CollectorsOptions = {}): IntentfulPlugin {
  const { redact = true, ...collect } = options;
  return {
    name: 'collectors',
    setup(ctx) {
      const redactor = redact === false ? null : createRedactor(redact === true ? {} : redact);
      // Survives restarts (StrictMode, consent changes), so the first page view counts once.
      const memory: CollectorMemory = {};
      let running: Collectors | null = null;
      // Read when needed, never probed: a probe is a write, and erasing must not write.
      const pick = (kind: 'localStorage' | 'sessionStorage') => (): StorageLike | null => {
        // An injected storage holds what lasts (visit times); the once-per-session flag must end
        // with the browser session, so it stays in sessionStorage unless storage is off (null).
        if (ctx.storage === null || (ctx.storage !== undefined && kind === 'localStorage'))
          return ctx.storage;
        try {
          return (globalThis as { [k: string]: unknown })[kind] as StorageLike | null;
        } catch {
          return null;
        }
      };
      const local = pick('localStorage');
      const session = pick('sessionStorage');
      return {
        ...(redactor && { redact: redactor.signal }),
        start(privacy) {
          if (!privacy.canCollect) return undefined;
          const run = startCollectors(
            {
              track: ctx.track,
              clock: ctx.clock,
              history: ctx.history,
              ...(redactor && { redact: redactor.text }),
            },
            {
              ...collect,
              memory,
              // Visit and session times are written only with consent to persist.
              ...(privacy.canPersist && { storage: { local: local(), session: session() } }),
              key: ctx.storageKey,
              onError: ctx.report,
            },
          );
          running = run;
          return () => {
            run.stop();
            if (running === run) running = null;
          };
        },
        pageView(path, pageType) {
          if (!running) return false;
          running.pageView(path, pageType);
          return true;
        },
        erase() {
          // Visit and session times: the only things collectors write.
          for (const s of [local(), session()])
            removeKeys(s, ctx.storageKey, [':visit', ':session']);
        },
        forget() {
          // The current page stays counted as seen, or the next route change would double it;
          // which products were seen goes with the rest.
          if (typeof location !== 'undefined') memory.page = location.pathname + location.search;
          delete memory.views;
          delete memory.maxPrice;
        },
      };
    },
  };
}
