import { type Hub, label } from './hub';

/** Options for clicks on elements marked with `data-intent-*` attributes. */
export interface ClickOptions {
  /**
   * Also record the clicked element's visible text (trimmed, at most 80 characters, redacted).
   * Off because text can name people, orders or addresses.
   * @defaultValue `false`
   */
  captureText?: boolean;
}

/**
 * A click inside `<button data-intent-target="compare" data-intent-category="plans"
 * data-intent-value="pro">` becomes
 * `{ type: 'click', target: 'compare', data: { category: 'plans', value: 'pro' } }`.
 */
export const collectClicks = (hub: Hub, options: ClickOptions): void =>
  hub.on('click', (_, target) => {
    const el = target?.closest('[data-intent-target],[data-intent-category],[data-intent-value]');
    if (!el) return;
    const category = el.getAttribute('data-intent-category');
    const value = el.getAttribute('data-intent-value');
    const text = options.captureText && el.textContent?.replace(/\s+/g, ' ').trim().slice(0, 80);
    hub.emit('click', label(el, 'data-intent-target data-intent-category'), {
      ...(category && { category }),
      // Numeric values become numbers, so rules can use ranges on them; seven digits or more
      // before the point may be a phone or an id, and stay text for redaction to judge.
      ...(value && { value: /^-?\d{1,6}(\.\d+)?$/.test(value) ? +value : value }),
      ...(text && { text }),
    });
  });
