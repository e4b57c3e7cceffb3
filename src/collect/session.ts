import type { Hub } from './hub';

/** Options for the once-per-session context signal. */
export interface SessionOptions {
  /** A visit within this many days of the previous one counts as returning (needs storage). @defaultValue `30` */
  returningDays?: number;
  /** Viewport widths below which the device counts as a phone / a tablet, in CSS px. @defaultValue `[768, 1100]` */
  breakpoints?: readonly [phone: number, tablet: number];
}

/**
 * Emits `{ type: 'session', data: { referrer, source, medium, campaign, device, language,
 * returning, lastVisitAt } }` once per browser session when storage is allowed (sessionStorage),
 * else once per provider. No identifier is stored: `returning` compares against one timestamp,
 * and only when persistence is allowed; otherwise both fields are absent.
 */
export const collectSession = (hub: Hub, options: SessionOptions): void => {
  const { win, memory, local, session, key } = hub;
  const flag = `${key}:session`;
  // Storage that throws (blocked, full) counts as absent: the signal may repeat, never break.
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch {}
  };
  const visit = `${key}:visit`;
  const flagged = attempt(() => session?.getItem(flag));
  if (memory.session || flagged) {
    // Restarted on this page because consent now allows storage (a banner answered after load):
    // remember this visit, or the next one would not count as a return.
    if (memory.session && local && !flagged) {
      attempt(() => local.setItem(visit, String(hub.now())));
      attempt(() => session?.setItem(flag, '1'));
    }
    memory.session = true;
    return;
  }
  memory.session = true;
  const { location, innerWidth, navigator } = win;
  const now = hub.now();
  const host = (url: string): string => url.replace(/^www\./, '');
  const ref = attempt(() => host(new URL(hub.doc.referrer).hostname));
  const params = new URLSearchParams(location.search);
  const [phone, tablet] = options.breakpoints ?? [768, 1100];
  const data: Record<string, string | boolean | number> = {
    referrer: ref && ref !== host(location.hostname) ? ref : 'direct',
  };
  for (const field of ['source', 'medium', 'campaign']) {
    const v = params.get(`utm_${field}`);
    if (v) data[field] = v.slice(0, 100);
  }
  data.device =
    innerWidth < phone
      ? 'phone'
      : innerWidth < tablet && win.matchMedia?.('(pointer: coarse)').matches
        ? 'tablet'
        : 'desktop';
  if (navigator.language) data.language = navigator.language;
  const prev = attempt(() => {
    const at = Number(local?.getItem(visit));
    local?.setItem(visit, String(now));
    return at > 0 && at < now && now - at <= (options.returningDays ?? 30) * 864e5 ? at : 0;
  });
  if (local && prev !== undefined) {
    data.returning = prev > 0;
    // Rules such as "returned within a week" compare against it; it never leaves the device.
    if (prev > 0) data.lastVisitAt = prev;
  }
  attempt(() => session?.setItem(flag, '1'));
  hub.emit('session', null, data);
};
