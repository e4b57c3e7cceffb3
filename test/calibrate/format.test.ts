// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { beforeOutcome, parseSessions } from '../../src/calibrate/format';

const good = {
  id: 's1',
  signals: [
    { type: 'page-view', at: 2000, data: { pageType: 'product', price: 12.5 } },
    { type: 'session', at: 0, data: { visitorType: 'new' } },
    { type: 'goal', at: 5000, target: 'purchase' },
    { type: 'page-view', at: 6000, data: { pageType: 'confirmation' } },
  ],
  outcomes: { purchase: true },
};

describe('parseSessions', () => {
  it('reads good lines and skips blank ones', () => {
    const text = `${JSON.stringify(good)}\n\n${JSON.stringify({ ...good, id: 's2', outcomes: { purchase: false } })}\n`;
    const { sessions, errors } = parseSessions(text);
    expect(errors).toEqual([]);
    expect(sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(sessions[0]!.signals[0]).toEqual(good.signals[0]);
  });

  it('rejects malformed lines with their line number and reason', () => {
    const lines = [
      JSON.stringify(good),
      '{"id": "s2", "signals": [',
      JSON.stringify({ signals: [], outcomes: {} }),
      JSON.stringify({ id: 's3', signals: {}, outcomes: {} }),
      JSON.stringify({ id: 's4', signals: [{ type: 'click', at: -5 }], outcomes: {} }),
      JSON.stringify({ id: 's5', signals: [{ at: 1 }], outcomes: {} }),
      JSON.stringify({
        id: 's6',
        signals: [{ type: 'click', at: 1, data: { nested: { a: 1 } } }],
        outcomes: {},
      }),
      JSON.stringify({ id: 's7', signals: [], outcomes: { purchase: 'yes' } }),
      JSON.stringify({ id: 's8', signals: [] }),
      JSON.stringify(good),
      '[1, 2]',
      JSON.stringify({ id: 's9', signals: [], outcomes: {}, segment: { a: [1] } }),
    ];
    const { sessions, errors } = parseSessions(lines.join('\n'));
    expect(sessions.map((s) => s.id)).toEqual(['s1']);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^invalid JSON/),
      '`id` must be a non-empty string',
      '`signals` must be an array',
      'signals[0]: bad-timestamp',
      'signals[0]: missing-type',
      'signals[0]: bad-data',
      'outcomes.purchase must be true or false, got "yes"',
      '`outcomes` must be an object of booleans',
      'duplicate session id "s1"',
      'not a JSON object',
      'segment.a must be a primitive',
    ]);
  });
});

describe('beforeOutcome', () => {
  it('sorts by time and cuts before the first goal for the intent', () => {
    const [session] = parseSessions(JSON.stringify(good)).sessions;
    const { signals, at } = beforeOutcome(session!, 'purchase');
    expect(signals.map((s) => s.type)).toEqual(['session', 'page-view']);
    expect(at).toBe(2000);
    // Another intent's goal does not cut.
    expect(beforeOutcome(session!, 'signup').signals).toHaveLength(4);
  });
});
