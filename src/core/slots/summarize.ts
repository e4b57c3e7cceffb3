import type { SlotEvent } from './events';

/** One row of an experiment readout. */
export interface VariantSummary {
  readonly slot: string;
  readonly variant: string;
  /** `true` for the holdout group (it sees the fallback). */
  readonly holdout: boolean;
  /** Units (or exposure events, without unit ids) that saw the variant. */
  readonly exposures: number;
  /** Of those, how many reached a goal afterwards. */
  readonly conversions: number;
  readonly rate: number;
  /** Relative lift of `rate` over the holdout's rate (`0.1` = +10 %), `null` without a holdout. */
  readonly lift: number | null;
  /** 95 % interval of `lift` (log rate-ratio), `null` when there is too little data. */
  readonly interval: readonly [low: number, high: number] | null;
}

export interface SummarizeOptions {
  /** Count only this goal. @defaultValue any goal */
  goal?: string;
}

/**
 * Per-variant exposures, conversions, rate and lift versus the holdout with a 95 % interval:
 * enough to read an experiment locally from the events sinks received.
 */
export function summarize(
  events: readonly SlotEvent[],
  options: SummarizeOptions = {},
): VariantSummary[] {
  const rows = new Map<
    string,
    { slot: string; variant: string; holdout: boolean; seen: Set<string>; won: Set<string> }
  >();
  const keyOf = (slot: string, variant: string, holdout: boolean): string =>
    `${slot}\u0000${holdout ? '' : variant}\u0000${holdout}`;
  let anonymous = 0;
  for (const e of events) {
    if (e.type === 'exposure') {
      const k = keyOf(e.slot, e.variant, e.holdout);
      let row = rows.get(k);
      if (!row) {
        row = {
          slot: e.slot,
          variant: e.variant,
          holdout: e.holdout,
          seen: new Set(),
          won: new Set(),
        };
        rows.set(k, row);
      }
      row.seen.add(e.unit ?? `\u0000${anonymous++}`);
    } else if (e.type === 'outcome' && (options.goal === undefined || e.goal === options.goal)) {
      for (const x of e.exposures) {
        const row = rows.get(keyOf(x.slot, x.variant, x.holdout));
        // Without unit ids each outcome counts once per exposure row it names.
        row?.won.add(e.unit ?? `\u0000${anonymous++}`);
      }
    }
  }
  const out: VariantSummary[] = [];
  for (const row of rows.values()) {
    const n = row.seen.size;
    const c = Math.min(n, row.won.size);
    const control = rows.get(keyOf(row.slot, '', true));
    const rate = n ? c / n : 0;
    let lift: number | null = null;
    let interval: readonly [number, number] | null = null;
    if (control && !row.holdout) {
      const n0 = control.seen.size;
      const c0 = Math.min(n0, control.won.size);
      const r0 = n0 ? c0 / n0 : 0;
      if (r0 > 0) {
        lift = rate / r0 - 1;
        if (c > 0) {
          const se = Math.sqrt(1 / c - 1 / n + 1 / c0 - 1 / n0);
          const log = Math.log(rate / r0);
          interval = [Math.exp(log - 1.96 * se) - 1, Math.exp(log + 1.96 * se) - 1];
        }
      }
    }
    out.push({
      slot: row.slot,
      variant: row.variant,
      holdout: row.holdout,
      exposures: n,
      conversions: c,
      rate,
      lift,
      interval,
    });
  }
  return out;
}
