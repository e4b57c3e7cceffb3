import type { Collector } from './context';

/** Options for the once-per-session context signal. */
export interface SessionOptions {
  /** A visit within this many days of the previous one counts as returning (needs storage). @defaultValue `30` */
  returningDays?: number;
  /** Viewport widths below which the device counts as a phone / a tablet, in CSS px. @defaultValue `[768, 1100]` */
  breakpoints?: readonly [phone: number, tablet: number];
}

const DAY = 24 * 60 * 60 * 1000;

/** The registrable-looking host of a referrer, or `null` for none or the same site. */
export function referrerDomain(referrer: string, ownHost: string): string | null {
  if (!referrer) return null;
  try {
    const host = new URL(referrer).hostname.replace(/^www\./, '');
    return host === ownHost.replace(/^www\./, '') ? null : host;
  } catch {
    return null;
  }
}

/**
 * Emits `{ type: 'session', data: { referrer, source, medium, campaign, device, language,
 * returning } }` once per browser session when storage is allowed (sessionStorage), else once
 * per provider. No identifier is stored: `returning` compares against one timestamp, and only
 * when persistence is allowed; otherwise the field is absent.
 */
export const collectSession = ((ctx, options) => {
  const { hub, memory, storage, key } = ctx;
  if (memory.session) return () => {};
  const flag = `${key}:session`;
  try {
    if (storage.session?.getItem(flag)) {
      memory.session = true;
      return () => {};
    }
  } catch {
    // An unreadable sessionStorage only means the signal may repeat in a new tab.
  }
  memory.session = true;
  const win = hub.window;
  const now = ctx.clock();
  const data: Record<string, string | boolean> = {};
  const ref = referrerDomain(hub.document.referrer, win.location.hostname);
  data.referrer = ref ?? 'direct';
  const params = new URLSearchParams(win.location.search);
  for (const [param, field] of [
    ['utm_source', 'source'],
    ['utm_medium', 'medium'],
    ['utm_campaign', 'campaign'],
  ] as const) {
    const v = params.get(param);
    if (v) data[field] = v.slice(0, 100);
  }
  const [phone, tablet] = options.breakpoints ?? [768, 1100];
  const w = win.innerWidth;
  const coarse =
    typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches;
  data.device = w < phone ? 'phone' : w < tablet && coarse ? 'tablet' : 'desktop';
  const lang = win.navigator.language;
  if (lang) data.language = lang;
  if (storage.local) {
    const visitKey = `${key}:visit`;
    try {
      const prev = Number(storage.local.getItem(visitKey));
      data.returning = prev > 0 && now - prev <= (options.returningDays ?? 30) * DAY;
      storage.local.setItem(visitKey, String(now));
    } catch {
      // Blocked or full storage: leave `returning` out rather than guess.
      delete data.returning;
    }
  }
  try {
    storage.session?.setItem(flag, '1');
  } catch {
    // Memory already holds the flag for this provider.
  }
  ctx.emit({ type: 'session', data });
  return () => {};
}) satisfies Collector<SessionOptions>;
