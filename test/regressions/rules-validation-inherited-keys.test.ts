import { rules } from 'intentful/policies';
import { describe, expect, it } from 'vitest';

describe('rule JSON validation', () => {
  it('rejects a condition named like an Object.prototype member instead of ignoring it', () => {
    // A typo'd or hostile JSON condition must fail loudly, not make the rule always match.
    const json = JSON.parse('[{ "variant": "sale", "when": { "constructor": "spring" } }]');
    expect(() => rules(json)).toThrow(/unknown condition/);
  });
});
