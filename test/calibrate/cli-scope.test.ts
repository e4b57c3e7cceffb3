// @vitest-environment node
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHeldOut } from '../../src/calibrate/split';
import { main } from '../../src/cli/main';

// What `calibrate` fits on and what `evaluate` scores must be said, never silently narrowed.
let dir: string;
let sessions: string;
let ids: string[];

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) },
  };
}

const FAST = ['--folds', '2', '--features', 'behaviour'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intentful-scope-'));
  const csv = join(dir, 'rees46.csv');
  writeFileSync(csv, readFileSync(join(process.cwd(), 'test/calibrate/fixtures/rees46-slice.csv')));
  sessions = join(dir, 's.jsonl');
  expect(await main(['convert', 'rees46', csv, sessions], cli().io)).toBe(0);
  ids = readFileSync(sessions, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { id: string }).id);
});

describe('calibrate fits on everything unless asked to hold out', () => {
  it('without --validation every session is fitted on, and evaluate scores them all, saying so', async () => {
    const model = join(dir, 'all.json');
    const c = cli();
    expect(
      await main(['calibrate', sessions, '--intent', 'purchase', '--out', model, ...FAST], c.io),
    ).toBe(0);
    expect(c.err.join('\n')).toContain(
      `fitting on all ${ids.length} labelled sessions (none held out`,
    );
    expect(JSON.parse(readFileSync(model, 'utf8')).calibration.split).toEqual({
      seed: 1,
      validation: 0,
    });

    const e = cli();
    expect(await main(['evaluate', sessions, '--model', model], e.io)).toBe(0);
    expect(e.out[0]).toBe(
      `scored all ${ids.length} labelled sessions (--all, or the model holds none out: figures on sessions it was fitted on are optimistic)`,
    );
    expect(e.out[1]).toMatch(new RegExp(`^behaviour only: ${ids.length} sessions`));
    expect(e.out.join('\n')).not.toMatch(/\b0 sessions/);
  });

  it('--validation 0.3 holds a share out; evaluate scores only it by default, and all with --all', async () => {
    const model = join(dir, 'split.json');
    const held = ids.filter((id) => isHeldOut(id, 1, 0.3)).length;
    const c = cli();
    expect(
      await main(
        [
          'calibrate',
          sessions,
          '--intent',
          'purchase',
          '--out',
          model,
          '--validation',
          '0.3',
          ...FAST,
        ],
        c.io,
      ),
    ).toBe(0);
    expect(c.err.join('\n')).toContain(
      `fitting on ${ids.length - held} of ${ids.length} labelled sessions; ${held} held out for evaluate (--validation 0.3, --seed 1)`,
    );

    const e = cli();
    expect(await main(['evaluate', sessions, '--model', model], e.io)).toBe(0);
    expect(e.out[0]).toBe(
      `scored ${held} of ${ids.length} sessions: the model's validation split (0.3 held out at calibration, seed 1); pass --all for every session`,
    );
    expect(e.out[1]).toMatch(new RegExp(`^behaviour only: ${held} sessions`));

    const all = cli();
    expect(await main(['evaluate', sessions, '--model', model, '--all'], all.io)).toBe(0);
    expect(all.out[0]).toMatch(new RegExp(`^scored all ${ids.length} labelled sessions`));
  });

  it('scores baselines on the same sessions as the model, and warns when their splits differ', async () => {
    const all = join(dir, 'all.json');
    const split = join(dir, 'split.json');
    const e = cli();
    expect(await main(['evaluate', sessions, '--model', all, '--baseline', split], e.io)).toBe(0);
    expect(e.out.filter((l) => /^behaviour only: /.test(l))).toEqual([
      expect.stringMatching(`^behaviour only: ${ids.length} sessions`),
      expect.stringMatching(`^behaviour only: ${ids.length} sessions`),
    ]);
    expect(e.err.join('\n')).not.toMatch(/warning/);

    const held = cli();
    expect(await main(['evaluate', sessions, '--model', split, '--baseline', all], held.io)).toBe(
      0,
    );
    expect(held.err.join('\n')).toMatch(/warning: .* was scored on other sessions \(scored all/);
  });

  it('exits non-zero when no session is left to score, and says why', async () => {
    const model = join(dir, 'split.json');
    // Only the sessions the model was fitted on: none is in its validation split.
    const trainOnly = join(dir, 'train-only.jsonl');
    const lines = readFileSync(sessions, 'utf8').trim().split('\n');
    writeFileSync(trainOnly, lines.filter((_, i) => !isHeldOut(ids[i]!, 1, 0.3)).join('\n'));
    const e = cli();
    expect(await main(['evaluate', trainOnly, '--model', model], e.io)).toBe(1);
    expect(e.out[0]).toMatch(/^scored 0 of \d+ sessions/);
    expect(e.err.join('\n')).toContain(
      'no session to score: none of them is in the held-out split; pass --all',
    );
    expect(e.out.join('\n')).not.toMatch(/F1/);

    const unlabelled = join(dir, 'unlabelled.jsonl');
    writeFileSync(
      unlabelled,
      `${JSON.stringify({ id: 'a', signals: [], outcomes: { signup: true } })}\n`,
    );
    const u = cli();
    expect(await main(['evaluate', unlabelled, '--model', model, '--all'], u.io)).toBe(1);
    expect(u.err.join('\n')).toContain('none of the sessions has an outcome "purchase"');
  });

  it('refuses a share that leaves nothing to fit on', async () => {
    const c = cli();
    expect(
      await main(
        [
          'calibrate',
          sessions,
          '--intent',
          'purchase',
          '--out',
          join(dir, 'x.json'),
          '--validation',
          '0.9999999',
          ...FAST,
        ],
        c.io,
      ),
    ).toBe(2);
    expect(c.err.join('\n')).toMatch(
      /holds out every one of the \d+ sessions: nothing left to fit on/,
    );
  });
});
