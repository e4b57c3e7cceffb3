import type { IntentfulPlugin } from '../core/client';
import { removeKeys } from '../core/device';
import type { StorageLike } from '../core/persist';
import { fullRedaction } from '../core/redact/full';
import {
  type CollectOptions,
  type CollectorMemory,
  type Collectors,
  startCollectors,
} from './index';
import { createSanitizer, type SanitizeOptions } from './sanitize';

/** Which collectors run and how, plus how what they read is cleaned. */
export interface CollectorsOptions extends CollectOptions {
  /**
   * The compact sanitizer, applied to every signal (collected or tracked) before it is stored:
   * query strings cut to campaign parameters, e-mail addresses, long digit runs (phones, cards,
   * customer numbers), UUIDs and tokens masked, values of secret keys (`password`, `pin`,
   * `email`…) removed; dates, prices and ISBNs stay. An object tunes it (`params`, `keep`,
   * `sensitiveKeys`, `patterns`); `false` turns it off. With `redaction()` among the plugins the
   * full structural redactor takes its place.
   * @defaultValue `true`
   */
  redact?: boolean | SanitizeOptions;
}

/**
 * Free text (clicked text, typed queries) is kept only when the full redactor runs: without it
 * the options asking for it are turned off and reported, so the text is dropped, never sent as
 * typed.
 */
function withoutFreeText(collect: CollectOptions, report: (error: Error) => void): CollectOptions {
  const { clicks, search } = collect;
  const text = typeof clicks === 'object' && clicks.captureText === true;
  const query = typeof search === 'object' && search.captureQuery === 'free';
  if (!text && !query) return collect;
  report(
    new Error(
      process.env.NODE_ENV !== 'production'
        ? `intentful: collectors({ ${text ? 'clicks: { captureText: true }' : "search: { captureQuery: 'free' }"} }) keeps free text, which needs the full redactor: add redaction() to the client's plugins (import { redaction } from 'intentful'). Until then the text is dropped.`
        : 'intentful: free text needs redaction(); dropped',
    ),
  );
  return {
    ...collect,
    ...(text && { clicks: { ...clicks, captureText: false } }),
    ...(query && { search: { ...search, captureQuery: 'vocabulary' } }),
  };
}

/**
 * Every browser collector, each switchable and tunable: page views, `data-intent-*` clicks, rage
 * and dead clicks, scroll depth, dwell, hesitation, forms, search and filters, exit intent,
 * visibility and the session context. Listeners attach on `mount()` once consent lets the client
 * collect, and detach on `unmount()`. Every signal passes the compact sanitizer (see `redact`);
 * free text needs `redaction()` too.
 */
export function collectors(options: CollectorsOptions = {}): IntentfulPlugin {
  const { redact = true, ...collect } = options;
  return {
    name: 'collectors',
    setup(ctx) {
      const sanitizer = redact === false ? null : createSanitizer(redact === true ? {} : redact);
      // Looked up when used: `redaction()` may come after collectors in the plugins.
      const full = (): ((text: string) => string) | undefined => fullRedaction.get(ctx);
      // Survives restarts (StrictMode, consent changes), so the first page view counts once.
      const memory: CollectorMemory = {};
      let running: Collectors | null = null;
      let hasFull: boolean | undefined;
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
        // Every plugin is set up before the first signal: the answer is looked up once.
        ...(sanitizer && {
          redact: (s) => {
            if (hasFull === undefined) hasFull = full() !== undefined;
            return hasFull ? s : sanitizer.signal(s);
          },
        }),
        start(privacy) {
          if (!privacy.canCollect) return undefined;
          const fullText = full();
          if (process.env.NODE_ENV !== 'production' && fullText && typeof redact === 'object')
            ctx.report(
              new Error(
                'intentful: collectors({ redact }) tunes the compact sanitizer, which redaction() replaces: pass these options to redaction() instead',
              ),
            );
          const text = fullText ?? sanitizer?.text;
          const run = startCollectors(
            {
              track: ctx.track,
              clock: ctx.clock,
              history: ctx.history,
              redact: text,
            },
            {
              ...(fullText ? collect : withoutFreeText(collect, ctx.report)),
              memory,
              // Visit and session times are written only with consent to persist.
              storage: privacy.canPersist ? { local: local(), session: session() } : undefined,
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
