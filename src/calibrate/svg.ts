import type { ReliabilityBin } from './metrics';

export interface Series<P> {
  readonly name: string;
  readonly points: readonly P[];
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];
const W = 520;
const H = 420;
const M = { left: 60, right: 20, top: 40, bottom: 100 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f = (x: number): string => String(Math.round(x * 10) / 10);

function frame(
  title: string,
  xLabel: string,
  yLabel: string,
  body: string[],
  legend: string[],
): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="600">${esc(title)}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#999"/>`,
    ...body,
    `<text x="${M.left + PW / 2}" y="${M.top + PH + 36}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function legendItems(names: readonly string[]): string[] {
  return names.map((name, i) => {
    const y = M.top + PH + 56 + i * 16;
    const c = COLORS[i % COLORS.length]!;
    return `<line x1="${M.left}" y1="${y - 4}" x2="${M.left + 20}" y2="${y - 4}" stroke="${c}" stroke-width="2"/><circle cx="${M.left + 10}" cy="${y - 4}" r="3" fill="${c}"/><text x="${M.left + 28}" y="${y}">${esc(name)}</text>`;
  });
}

function axes(
  xTicks: readonly { v: number; label: string }[],
  yTicks: readonly number[],
  x: (v: number) => number,
  y: (v: number) => number,
): string[] {
  const out: string[] = [];
  for (const t of xTicks) {
    out.push(
      `<line x1="${f(x(t.v))}" y1="${M.top + PH}" x2="${f(x(t.v))}" y2="${M.top + PH + 4}" stroke="#999"/>`,
      `<text x="${f(x(t.v))}" y="${M.top + PH + 18}" text-anchor="middle">${esc(t.label)}</text>`,
    );
  }
  for (const t of yTicks) {
    out.push(
      `<line x1="${M.left}" y1="${f(y(t))}" x2="${M.left + PW}" y2="${f(y(t))}" stroke="#eee"/>`,
      `<text x="${M.left - 6}" y="${f(y(t) + 4)}" text-anchor="end">${t.toFixed(1)}</text>`,
    );
  }
  return out;
}

/**
 * Reliability diagram: mean confidence against observed rate per 10 % bin, one line per model,
 * dot area by the number of sessions in the bin. On the diagonal means calibrated.
 */
export function reliabilitySvg(title: string, series: readonly Series<ReliabilityBin>[]): string {
  const x = (v: number): number => M.left + v * PW;
  const y = (v: number): number => M.top + (1 - v) * PH;
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const body = axes(
    ticks.map((v) => ({ v, label: v.toFixed(1) })),
    ticks,
    x,
    y,
  );
  body.push(
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#aaa" stroke-dasharray="4 4"/>`,
  );
  const total = (s: Series<ReliabilityBin>): number => s.points.reduce((a, b) => a + b.count, 0);
  series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length]!;
    const pts = s.points.filter((b) => b.count > 0);
    const n = Math.max(1, total(s));
    body.push(
      `<polyline fill="none" stroke="${c}" stroke-width="1.5" points="${pts.map((b) => `${f(x(b.confidence))},${f(y(b.observed))}`).join(' ')}"/>`,
    );
    for (const b of pts) {
      const r = 2.5 + 10 * Math.sqrt(b.count / n);
      body.push(
        `<circle cx="${f(x(b.confidence))}" cy="${f(y(b.observed))}" r="${f(r)}" fill="${c}" fill-opacity="0.35" stroke="${c}"><title>${esc(`${s.name}: ${b.count} sessions, confidence ${b.confidence.toFixed(3)}, observed ${b.observed.toFixed(3)}`)}</title></circle>`,
      );
    }
  });
  return frame(
    title,
    'engine confidence (mean per 10 % bin)',
    'observed purchase rate',
    body,
    legendItems(series.map((s) => s.name)),
  );
}

/** A line chart with categorical x (e.g. events seen) and y in [yMin, 1]. */
export function curveSvg(
  title: string,
  xLabel: string,
  yLabel: string,
  series: readonly Series<{ x: number; y: number }>[],
  yMin = 0.4,
): string {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const slot = (v: number): number =>
    M.left + ((xs.indexOf(v) + 0.5) / Math.max(1, xs.length)) * PW;
  const y = (v: number): number =>
    M.top + (1 - (Math.max(yMin, Math.min(1, v)) - yMin) / (1 - yMin)) * PH;
  const yTicks: number[] = [];
  for (let t = Math.ceil(yMin * 10) / 10; t <= 1.0001; t += 0.1)
    yTicks.push(Math.round(t * 10) / 10);
  const body = axes(
    xs.map((v) => ({ v, label: String(v) })),
    yTicks,
    slot,
    y,
  );
  if (yMin < 0.5)
    body.push(
      `<line x1="${M.left}" y1="${f(y(0.5))}" x2="${M.left + PW}" y2="${f(y(0.5))}" stroke="#aaa" stroke-dasharray="4 4"/>`,
    );
  series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length]!;
    const pts = s.points.filter((p) => Number.isFinite(p.y));
    body.push(
      `<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map((p) => `${f(slot(p.x))},${f(y(p.y))}`).join(' ')}"/>`,
    );
    for (const p of pts) {
      body.push(
        `<circle cx="${f(slot(p.x))}" cy="${f(y(p.y))}" r="3.5" fill="${c}"><title>${esc(`${s.name}: ${p.x} → ${p.y.toFixed(3)}`)}</title></circle>`,
      );
    }
  });
  return frame(title, xLabel, yLabel, body, legendItems(series.map((s) => s.name)));
}
