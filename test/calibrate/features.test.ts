// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { convertRees46 } from '../../src/calibrate/convert';
import { coverage } from '../../src/calibrate/coverage';
import { designFeatures, extractFeatures } from '../../src/calibrate/features';
import type { Session } from '../../src/calibrate/format';

const HEADER =
  'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';
const row = (sec: number, type: string, product: string, session = 's1'): string =>
  `2019-10-01 00:00:${String(sec).padStart(2, '0')} UTC,${type},${product},1,electronics.smartphone,acme,10.00,u1,${session}`;

describe('REES46 page views carry what a page-view collector knows from its history', () => {
  it('counts views per product and marks products that are in the cart', () => {
    const csv = [
      HEADER,
      row(0, 'view', 'A'),
      row(1, 'view', 'B'),
      row(2, 'cart', 'A'),
      row(3, 'view', 'A'),
      row(4, 'remove_from_cart', 'A'),
      row(5, 'view', 'A'),
      row(6, 'purchase', 'B'),
    ].join('\n');
    const { sessions, errors } = convertRees46(csv);
    expect(errors).toEqual([]);
    const views = sessions[0]!.signals.filter((s) => s.type === 'page-view');
    expect(views.map((v) => v.data!.productViews)).toEqual([1, 1, 2, 3]);
    expect(views.map((v) => v.data!.repeat)).toEqual([false, false, true, true]);
    expect(views.map((v) => v.data!.inCart)).toEqual([false, false, true, false]);
  });
});

describe('REES46 page views compare prices within the session', () => {
  const event = (sec: number, product: string, category: string, price: string): string =>
    `2019-10-01 00:00:${String(sec).padStart(2, '0')} UTC,view,${product},1,${category},acme,${price},u1,s1`;

  it('compares the price with the dearest product viewed so far', () => {
    const csv = [
      HEADER,
      event(0, 'A', 'electronics.smartphone', '200.00'),
      event(1, 'B', 'electronics.smartphone', '100.00'),
      event(2, 'C', 'appliances.kitchen', '400.00'),
      event(3, 'A', 'electronics.smartphone', '200.00'),
      // Unknown price: no ratio, and the dearest price so far stays 400.
      event(4, 'D', '', ''),
      event(5, 'E', 'appliances.kitchen', '100.00'),
    ].join('\n');
    const { sessions, errors } = convertRees46(csv);
    expect(errors).toEqual([]);
    const views = sessions[0]!.signals.filter((s) => s.type === 'page-view');
    expect(views.map((v) => v.data!.priceVsMax)).toEqual([1, 0.5, 1, 0.5, undefined, 0.25]);
  });
});

const session = (id: string, flags: boolean[], purchase: boolean, gapMs = 60_000): Session => ({
  id,
  signals: [
    { type: 'session', at: 0, data: { visitorType: 'new', weekend: false } },
    ...flags.map((repeat, i) => ({
      type: 'page-view',
      at: i * gapMs,
      target: `/p/${i}`,
      data: { pageType: 'product', repeat },
    })),
  ],
  outcomes: { purchase },
});

describe('candidate rules for flags', () => {
  const sessions = [
    session('a', [false, true], true),
    session('b', [false, false], false),
    session('c', [false, true, true], true),
  ];

  it('gives both values of a signal flag their own rules, but not session flags', () => {
    const ids = designFeatures(sessions, 'purchase', { minSupport: 1 }).map((c) => c.id);
    expect(ids).toContain('page-view repeat ×≤1');
    expect(ids).toContain('page-view not repeat ×≤1');
    expect(ids).toContain('page-view not repeat ×≤10');
    // Every session is on a weekday, yet "not on a weekend" gets no rule: a one-off session
    // attribute has no recency to tell, and its complement is the intercept's job.
    expect(ids.filter((id) => id.startsWith('session not'))).toEqual([]);
  });

  it('with decay, the "not" rule capped at one says how long ago something new was seen', () => {
    const candidates = designFeatures(sessions, 'purchase', { minSupport: 1 });
    const i = candidates.findIndex((c) => c.id === 'page-view not repeat ×≤1');
    const halfLife = 60_000;
    const rows = extractFeatures(sessions, candidates, 'purchase', halfLife);
    const value = (r: number): number => {
      const k = [...rows[r]!.index].indexOf(i);
      return k === -1 ? 0 : rows[r]!.value[k]!;
    };
    // a: new product one half-life before the decision; b: new product at the decision;
    // c: new product two half-lives before it.
    expect(value(0)).toBeCloseTo(0.5, 9);
    expect(value(1)).toBeCloseTo(1, 9);
    expect(value(2)).toBeCloseTo(0.25, 9);
  });
});

describe('coverage of evidence before the decision point', () => {
  it('counts buyers and non-buyers by what they showed before the purchase', () => {
    const csv = [
      HEADER,
      // s1 buys after one view: the purchase and what follows it are not evidence.
      row(0, 'view', 'A', 's1'),
      row(1, 'purchase', 'A', 's1'),
      row(2, 'view', 'B', 's1'),
      row(3, 'cart', 'B', 's1'),
      // s2 views, adds to cart, views again, then buys.
      row(0, 'view', 'A', 's2'),
      row(1, 'cart', 'A', 's2'),
      row(2, 'view', 'A', 's2'),
      row(3, 'purchase', 'A', 's2'),
      // s3 views once and leaves.
      row(0, 'view', 'C', 's3'),
    ].join('\n');
    const c = coverage(convertRees46(csv).sessions, 'purchase');
    expect([c.positives, c.negatives]).toEqual([2, 1]);
    const byLabel = Object.fromEntries(c.rows.map((r) => [r.label, [r.positives, r.negatives]]));
    expect(byLabel['exactly one event before the decision point']).toEqual([1, 1]);
    expect(byLabel['three or more events']).toEqual([1, 0]);
    expect(byLabel['a cart add']).toEqual([1, 0]);
    expect(byLabel['a product viewed again']).toEqual([1, 0]);
  });
});

describe('optional candidate rules', () => {
  const view = (at: number, category: string, price: number) => ({
    type: 'page-view',
    at,
    target: `/p/${at}`,
    data: { pageType: 'product', category, price },
  });
  const dwell = (at: number, ms: number) => ({
    type: 'dwell',
    at,
    target: `/p/${at}`,
    data: { pageType: 'product', ms },
  });
  const sessions: Session[] = [
    { id: 'a', signals: [view(0, 'phone', 500), dwell(1, 1000)], outcomes: { purchase: true } },
    { id: 'b', signals: [view(0, 'phone', 20), dwell(1, 9000)], outcomes: { purchase: false } },
    { id: 'c', signals: [view(0, 'case', 10), dwell(1, 2000)], outcomes: { purchase: false } },
    { id: 'd', signals: [view(0, 'case', 600), dwell(1, 5000)], outcomes: { purchase: true } },
  ];
  const featureOf = (candidates: ReturnType<typeof designFeatures>, id: string): number[] => {
    const i = candidates.findIndex((c) => c.id === id);
    expect(i).toBeGreaterThanOrEqual(0);
    return extractFeatures(sessions, candidates, 'purchase', Number.POSITIVE_INFINITY).map((r) => {
      const k = [...r.index].indexOf(i);
      return k === -1 ? 0 : r.value[k]!;
    });
  };

  it('bins the time per page only when asked', () => {
    expect(
      designFeatures(sessions, 'purchase', { minSupport: 1 }).some((c) => /ms /.test(c.id)),
    ).toBe(false);
    const candidates = designFeatures(sessions, 'purchase', { minSupport: 1, dwellBins: 2 });
    // Median of 1, 2, 5 and 9 s is 5 s: the two shorter reads fall in the first bin.
    expect(featureOf(candidates, 'dwell (product) ms ≤ 5000')).toEqual([1, 0, 1, 1]);
    expect(featureOf(candidates, 'dwell (product) ms > 5000')).toEqual([0, 1, 0, 0]);
  });

  it('joins a frequent text value with a numeric bin of the same signal', () => {
    const plain = designFeatures(sessions, 'purchase', { minSupport: 1, interactionBins: 2 });
    expect(plain.some((c) => c.id.includes('category=case &'))).toBe(false);
    const candidates = designFeatures(sessions, 'purchase', {
      minSupport: 1,
      interactionBins: 2,
      valueJoints: 1,
    });
    // Equal support: the alphabetically first value is the one kept.
    const joint = candidates.filter((c) => c.id.includes(' & price'));
    expect(joint.map((c) => c.id)).toEqual([
      'page-view category=case & price ≤ 500',
      'page-view category=case & price > 500',
    ]);
    expect(featureOf(candidates, 'page-view category=case & price > 500')).toEqual([0, 0, 0, 1]);
  });
});
