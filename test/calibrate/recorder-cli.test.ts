// @vitest-environment node
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntentful } from 'intentful/core';
import { recorder } from 'intentful/recorder';
import { describe, expect, it } from 'vitest';
import { convertRees46 } from '../../src/calibrate/convert';
import { main } from '../../src/cli/main';
import { shopModel } from '../fixtures';

// The calibration loop closed: what recorder() keeps is what `intentful calibrate` and
// `evaluate` read, with no conversion in between.
describe('recorder -> calibrate -> evaluate', () => {
  it('sessions recorded through the client calibrate and evaluate from the CLI', async () => {
    const csv = readFileSync(
      join(process.cwd(), 'test/calibrate/fixtures/rees46-slice.csv'),
      'utf8',
    );
    const shoppers = convertRees46(csv).sessions;
    let jsonl = '';
    for (const shopper of shoppers) {
      let now = shopper.signals[0]?.at ?? 0;
      const rec = recorder({ outcomes: ['purchase'], storage: null });
      const client = createIntentful({
        model: shopModel,
        consent: 'granted',
        clock: () => now,
        plugins: [rec],
      });
      client.mount();
      for (const s of shopper.signals) {
        now = s.at;
        client.track({ ...s });
      }
      client.unmount();
      jsonl += rec.toJSONL();
    }
    const dir = mkdtempSync(join(tmpdir(), 'intentful-recorded-'));
    const file = join(dir, 'recorded.jsonl');
    writeFileSync(file, jsonl);
    const lines = jsonl.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(shoppers.length);
    const buyers = shoppers.filter((s) => s.outcomes.purchase).length;
    expect(lines.filter((l) => l.includes('"purchase":true'))).toHaveLength(buyers);

    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const model = join(dir, 'model.json');
    const fit = [
      'calibrate',
      file,
      '--intent',
      'purchase',
      '--out',
      model,
      '--folds',
      '2',
      '--features',
      'behaviour',
    ];
    expect(await main(fit, io)).toBe(0);
    expect(err.join('\n')).toContain(`read ${lines.length} sessions`);
    expect(err.join('\n')).not.toMatch(/malformed/);
    expect(await main(['evaluate', file, '--model', model], io)).toBe(0);
    expect(out[0]).toMatch(new RegExp(`^scored all ${lines.length} labelled sessions`));
    expect(out[1]).toMatch(new RegExp(`${lines.length} sessions \\(${buyers} purchase\\)`));
  });
});
