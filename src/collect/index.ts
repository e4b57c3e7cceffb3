import { type ClickOptions, collectClicks } from './click';
import { collectDeadClicks, type DeadClickOptions } from './dead';
import { collectDwell, type DwellOptions } from './dwell';
import { collectExitIntent, type ExitIntentOptions } from './exit';
import { collectForms, type FormOptions } from './forms';
import { collectHesitation, type HesitationOptions } from './hesitation';
import {
  type CollectorSource,
  type CollectorTarget,
  createHub,
  type Hub,
  type HubOptions,
} from './hub';
import { collectPageViews, createPageRecorder, type PageViewOptions } from './page';
import { collectRageClicks, type RageClickOptions } from './rage';
import { collectScrollDepth, type ScrollDepthOptions } from './scroll';
import { collectSearch, type SearchOptions } from './search';
import { collectSession, type SessionOptions } from './session';
import { collectVisibility, type VisibilityOptions } from './visibility';

/**
 * Which collectors run and how. Each is on unless set to `false`; an object both turns it on
 * and sets its thresholds.
 */
export interface CollectOptions {
  /** Page views and client-side route changes. @defaultValue `true` */
  pageViews?: boolean | PageViewOptions;
  /** Clicks on `data-intent-target` / `-category` / `-value` elements. @defaultValue `true` */
  clicks?: boolean | ClickOptions;
  /** Several fast clicks in one spot. @defaultValue `true` */
  rageClicks?: boolean | RageClickOptions;
  /** Clicks after which nothing happens. @defaultValue `true` */
  deadClicks?: boolean | DeadClickOptions;
  /** Scroll depth milestones. @defaultValue `true` */
  scrollDepth?: boolean | ScrollDepthOptions;
  /** Time spent on `data-intent-section` elements. @defaultValue `true` */
  dwell?: boolean | DwellOptions;
  /** Long pauses over calls to action and pricing. @defaultValue `true` */
  hesitation?: boolean | HesitationOptions;
  /** Form pauses, repeated edits and abandonment. @defaultValue `true` */
  forms?: boolean | FormOptions;
  /** Marked search inputs and filters. @defaultValue `true` */
  search?: boolean | SearchOptions;
  /** Pointer leaving through the top; page hidden. @defaultValue `true` */
  exitIntent?: boolean | ExitIntentOptions;
  /** Page hidden / visible again. @defaultValue `true` */
  visibility?: boolean | VisibilityOptions;
  /** Referrer, campaign, device class, language, returning visitor; once per session. @defaultValue `true` */
  session?: boolean | SessionOptions;
}

/** Everything `startCollectors` needs besides the collector switches. */
export interface StartCollectorsOptions extends CollectOptions, HubOptions {
  /** Event source. @defaultValue the global `window` */
  source?: CollectorSource;
}

/** A running set of collectors. */
export interface Collectors {
  /** Detaches every listener, observer and timer. Safe to call twice. */
  stop(): void;
  /**
   * Records a page view from a router integration. Without `path` the current location is
   * used; the same path twice in a row counts once.
   */
  pageView(path?: string, pageType?: string): void;
}

// Session first, so the session context precedes the first page view in history.
const COLLECTORS: { readonly [K in keyof CollectOptions]-?: (hub: Hub, options: never) => void } = {
  session: collectSession,
  pageViews: collectPageViews,
  clicks: collectClicks,
  rageClicks: collectRageClicks,
  deadClicks: collectDeadClicks,
  scrollDepth: collectScrollDepth,
  dwell: collectDwell,
  hesitation: collectHesitation,
  forms: collectForms,
  search: collectSearch,
  exitIntent: collectExitIntent,
  visibility: collectVisibility,
};

/** A collector's options: `false` turns it off, `true` or nothing means its defaults. */
const pick = <O>(value: boolean | O | undefined): O | null =>
  value === false ? null : typeof value === 'object' ? value : ({} as O);

/**
 * Attaches the enabled collectors to `source` and feeds `target.track`. Nothing happens at import
 * time, and without a browser window this returns a no-op, so it is safe during server rendering.
 */
export function startCollectors(
  target: CollectorTarget,
  options: StartCollectorsOptions = {},
): Collectors {
  const win = options.source?.window ?? (typeof window === 'undefined' ? null : window);
  if (!win) return { stop() {}, pageView() {} };
  const hub = createHub(win, target, options);
  let name: keyof CollectOptions;
  for (name in COLLECTORS) {
    const o = pick(options[name]);
    if (o) hub.run(COLLECTORS[name], hub, o as never);
  }
  let live = true;
  const page = pick(options.pageViews) ?? {};
  const record = createPageRecorder(hub, page);
  return {
    stop() {
      live = false;
      hub.stop();
    },
    pageView(path, pageType) {
      if (live) {
        hub.run(() => {
          record('manual', path ?? hub.page(page.includeHash), pageType);
          hub.navigated('manual');
        });
      }
    },
  };
}

export { type CartHelper, type CartItem, type CartTarget, createCart } from './cart';
export type { ClickOptions } from './click';
export type { DeadClickOptions } from './dead';
export type { DwellOptions } from './dwell';
export type { ExitIntentOptions } from './exit';
export type { FormOptions } from './forms';
export type { HesitationOptions } from './hesitation';
export type { CollectorMemory, CollectorSource, CollectorTarget, NavigationKind } from './hub';
export type { PageViewOptions } from './page';
export { matchRoute } from './page';
export type { RageClickOptions } from './rage';
export type { ScrollDepthOptions } from './scroll';
export type { SearchOptions } from './search';
export type { SessionOptions } from './session';
export type { VisibilityOptions } from './visibility';
