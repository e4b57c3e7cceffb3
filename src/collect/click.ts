import type { SignalData } from '../core/signal';
import type { Collector } from './context';
import { eventElement } from './hub';

/** Options for clicks on elements marked with `data-intent-*` attributes. */
export interface ClickOptions {
  /**
   * Also record the clicked element's visible text (trimmed, at most 80 characters, redacted).
   * Off because text can name people, orders or addresses.
   * @defaultValue `false`
   */
  captureText?: boolean;
}

const MARKED = '[data-intent-target],[data-intent-category],[data-intent-value]';

/** Turns a numeric attribute into a number, so rules can use ranges on it. */
function attrValue(v: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(v) && v.length < 16 ? Number(v) : v;
}

/**
 * One delegated listener: a click inside `<button data-intent-target="compare"
 * data-intent-category="plans" data-intent-value="pro">` becomes
 * `{ type: 'click', target: 'compare', data: { category: 'plans', value: 'pro' } }`.
 */
export const collectClicks = ((ctx, options) =>
  ctx.hub.on('document', 'click', (event) => {
    const el = eventElement(event)?.closest(MARKED);
    if (!el) return;
    const target = el.getAttribute('data-intent-target');
    const category = el.getAttribute('data-intent-category');
    const value = el.getAttribute('data-intent-value');
    const data: Record<string, string | number> = {};
    if (category) data.category = category;
    if (value) data.value = attrValue(value);
    if (options.captureText) {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
      if (text) data.text = text;
    }
    ctx.emit({
      type: 'click',
      target: target || category || el.tagName.toLowerCase(),
      data: data as SignalData,
    });
  })) satisfies Collector<ClickOptions>;
