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
