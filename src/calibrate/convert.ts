import { priceVsMax } from '../collect/page';
import type { Signal, SignalValue } from '../core/signal';
import { csvRecords } from './csv';
import type { LineError, Session } from './format';

export interface ConvertResult {
  readonly sessions: Session[];
  readonly errors: LineError[];
}

const UCI_COLUMNS = [
  'Administrative',
  'Administrative_Duration',
  'Informational',
  'Informational_Duration',
  'ProductRelated',
  'ProductRelated_Duration',
  'BounceRates',
  'ExitRates',
  'PageValues',
  'SpecialDay',
  'Month',
  'OperatingSystems',
  'Browser',
  'Region',
  'TrafficType',
  'VisitorType',
  'Weekend',
  'Revenue',
] as const;

/** Page types of the UCI counters, named as the page-view collector names them. */
const UCI_PAGES = [
  ['Administrative', 'account'],
  ['Informational', 'info'],
  ['ProductRelated', 'product'],
] as const;

/** Time between two synthetic page views whose dwell is unknown. */
const UNKNOWN_GAP_MS = 1000;

function visitorType(raw: string): string {
  if (raw === 'Returning_Visitor') return 'returning';
  if (raw === 'New_Visitor') return 'new';
  return 'other';
}

function bool(raw: string): boolean | null {
  const v = raw.trim().toUpperCase();
  if (v === 'TRUE' || v === '1') return true;
  if (v === 'FALSE' || v === '0') return false;
  return null;
}

/**
 * UCI Online Shoppers rows → sessions. The data set only has per-session aggregates, so each row
 * becomes the signals that would have produced them (documented in QUALITY.md):
 * - one `session` signal at t = 0 with the segment attributes (visitor type, region, traffic
 *   type, browser, OS, as strings: they are codes, not quantities) and the calendar context;
 * - for each page type (account, info, product, in that order, because the order is unknown)
 *   as many `page-view`s as the counter says, each carrying the session's Google Analytics page
 *   metrics (page value, bounce and exit rate: per-page averages we cannot split further);
 * - after each page a `dwell` signal with an equal share of that type's duration (the split
 *   between pages is unknown; negative durations mean "not measured" and emit no dwell);
 * - no `goal` signal: the row does not say when the purchase happened, so the decision point is
 *   the end of the session and the aggregates include pages seen after the purchase.
 */
export function convertUci(csv: string): ConvertResult {
  const { header, records } = csvRecords(csv);
  const missing = UCI_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      sessions: [],
      errors: [
        { line: 1, reason: `not a UCI Online Shoppers file: missing ${missing.join(', ')}` },
      ],
    };
  }
  const sessions: Session[] = [];
  const errors: LineError[] = [];
  for (const { line, values } of records) {
    const num = (c: string): number => Number(values[c]);
    const bad = UCI_COLUMNS.filter(
      (c) =>
        !['Month', 'VisitorType', 'Weekend', 'Revenue'].includes(c) &&
        (values[c] === '' || !Number.isFinite(num(c))),
    );
    const revenue = bool(values.Revenue ?? '');
    const weekend = bool(values.Weekend ?? '');
    if (bad.length > 0 || revenue === null || weekend === null) {
      errors.push({
        line,
        reason: `bad value in ${[...bad, ...(revenue === null ? ['Revenue'] : []), ...(weekend === null ? ['Weekend'] : [])].join(', ')}`,
      });
      continue;
    }
    const segment = {
      visitorType: visitorType(values.VisitorType ?? ''),
      region: String(num('Region')),
      trafficType: String(num('TrafficType')),
      browser: String(num('Browser')),
      os: String(num('OperatingSystems')),
    };
    const signals: Signal[] = [
      {
        type: 'session',
        at: 0,
        data: {
          ...segment,
          month: values.Month ?? '',
          weekend,
          specialDay: num('SpecialDay'),
        },
      },
    ];
    const metrics = {
      pageValue: num('PageValues'),
      bounceRate: num('BounceRates'),
      exitRate: num('ExitRates'),
    };
    let t = UNKNOWN_GAP_MS;
    for (const [column, pageType] of UCI_PAGES) {
      const count = Math.max(0, Math.floor(num(column)));
      const seconds = num(`${column}_Duration`);
      const share = count > 0 && seconds >= 0 ? (seconds * 1000) / count : null;
      for (let i = 0; i < count; i++) {
        const target = `/${pageType}/${i + 1}`;
        signals.push({ type: 'page-view', at: t, target, data: { pageType, ...metrics } });
        if (share !== null) {
          signals.push({ type: 'dwell', at: t + share, target, data: { pageType, ms: share } });
          t += Math.max(share, 1);
        } else t += UNKNOWN_GAP_MS;
      }
    }
    sessions.push({ id: `uci-${line}`, signals, outcomes: { purchase: revenue }, segment });
  }
  return { sessions, errors };
}

const REES46_COLUMNS = [
  'event_time',
  'event_type',
  'product_id',
  'category_code',
  'brand',
  'price',
  'user_id',
  'user_session',
] as const;

/** Longer gaps are a tab left open, not attention; the dwell collector stops counting too. */
const MAX_DWELL_MS = 30 * 60_000;

function parseTime(raw: string): number {
  // "2019-10-01 00:00:00 UTC" → ISO, so Date.parse does not depend on the local time zone.
  const iso = raw.trim().replace(' UTC', 'Z').replace(' ', 'T');
  return Date.parse(iso);
}

interface Rees46Event {
  line: number;
  at: number;
  type: string;
  productId: string;
  categoryCode: string;
  brand: string;
  price: number;
  userId: string;
}

/**
 * REES46 events → sessions (`user_session`), ordered by time: `view` → `page-view` of a product
 * page (category, brand, price; `repeat` when the product was already viewed in the session,
 * `productViews` = how many times it has been viewed so far including this one, and `inCart` when
 * it is in the cart: a page-view collector knows all three from its own history and the cart
 * state; from the same history `priceVsMax` = the price over the highest price viewed so far in
 * the session, this one included, rounded to 0.001); the time to the next event → `dwell` on
 * that page (emitted when the user moves on, as the collector does; capped at 30 min);
 * `cart` → `cart-add`; `purchase` → a `goal` signal for `purchase`, so evaluation only sees what
 * came before it. The data set has no segment attributes; the only identity-like fact is whether
 * the same `user_id` started an earlier session in the file (`visitorType` on the `session`
 * signal), which is all a segment baseline can use here.
 */
export function convertRees46(csv: string): ConvertResult {
  const { header, records } = csvRecords(csv);
  const missing = REES46_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      sessions: [],
      errors: [{ line: 1, reason: `not a REES46 events file: missing ${missing.join(', ')}` }],
    };
  }
  const errors: LineError[] = [];
  const bySession = new Map<string, Rees46Event[]>();
  for (const { line, values } of records) {
    const at = parseTime(values.event_time ?? '');
    const type = values.event_type ?? '';
    const sessionId = values.user_session ?? '';
    const price = Number(values.price);
    if (!Number.isFinite(at)) {
      errors.push({ line, reason: `bad event_time ${JSON.stringify(values.event_time)}` });
      continue;
    }
    if (type !== 'view' && type !== 'cart' && type !== 'purchase' && type !== 'remove_from_cart') {
      errors.push({ line, reason: `unknown event_type ${JSON.stringify(type)}` });
      continue;
    }
    if (sessionId === '') {
      errors.push({ line, reason: 'missing user_session' });
      continue;
    }
    const event: Rees46Event = {
      line,
      at,
      type,
      productId: values.product_id ?? '',
      categoryCode: values.category_code ?? '',
      brand: values.brand ?? '',
      price: Number.isFinite(price) ? price : Number.NaN,
      userId: values.user_id ?? '',
    };
    const list = bySession.get(sessionId);
    if (list) list.push(event);
    else bySession.set(sessionId, [event]);
  }
  const ordered = [...bySession.entries()].map(([id, events]) => {
    events.sort((a, b) => a.at - b.at || a.line - b.line);
    return { id, events, start: events[0]?.at ?? 0 };
  });
  ordered.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const usersSeen = new Set<string>();
  const sessions: Session[] = [];
  for (const { id, events } of ordered) {
    const first = events[0];
    if (!first) continue;
    const returning = first.userId !== '' && usersSeen.has(first.userId);
    const segment = { visitorType: returning ? 'returning' : 'new' };
    const signals: Signal[] = [{ type: 'session', at: first.at, data: segment }];
    const views = new Map<string, number>();
    const inCart = new Set<string>();
    let maxPrice = 0;
    let purchased = false;
    events.forEach((e, i) => {
      const target = `/product/${e.productId}`;
      const product: Record<string, SignalValue> = { productId: e.productId };
      if (e.categoryCode !== '') {
        product.category = e.categoryCode.split('.')[0] ?? e.categoryCode;
        product.categoryCode = e.categoryCode;
      }
      if (e.brand !== '') product.brand = e.brand;
      if (Number.isFinite(e.price)) product.price = e.price;
      if (e.type === 'view') {
        const seen = (views.get(e.productId) ?? 0) + 1;
        views.set(e.productId, seen);
        const data: Record<string, SignalValue> = {
          pageType: 'product',
          ...product,
          repeat: seen > 1,
          productViews: seen,
          inCart: inCart.has(e.productId),
        };
        if (Number.isFinite(e.price) && e.price > 0) {
          maxPrice = Math.max(maxPrice, e.price);
          data.priceVsMax = priceVsMax(e.price, maxPrice);
        }
        signals.push({ type: 'page-view', at: e.at, target, data });
        const next = events[i + 1];
        if (next && next.type !== 'purchase' && next.at > e.at) {
          const ms = Math.min(next.at - e.at, MAX_DWELL_MS);
          signals.push({ type: 'dwell', at: next.at, target, data: { pageType: 'product', ms } });
        }
      } else if (e.type === 'cart') {
        inCart.add(e.productId);
        signals.push({ type: 'cart-add', at: e.at, target, data: product });
      } else if (e.type === 'remove_from_cart') {
        inCart.delete(e.productId);
        signals.push({ type: 'cart-remove', at: e.at, target, data: product });
      } else {
        purchased = true;
        signals.push({ type: 'goal', at: e.at, target: 'purchase', data: product });
      }
    });
    for (const e of events) if (e.userId !== '') usersSeen.add(e.userId);
    sessions.push({ id, signals, outcomes: { purchase: purchased }, segment });
  }
  return { sessions, errors };
}
