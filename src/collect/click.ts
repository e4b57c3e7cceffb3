import { eventElement, type Hub, intentAttr } from './hub';

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
  hub.on('click', (event) => {
    const el = eventElement(event)?.closest(
      '[data-intent-target],[data-intent-category],[data-intent-value]',
    );
    if (!el) return;
    const category = intentAttr(el, 'category');
    const value = intentAttr(el, 'value');
    const text = options.captureText && el.textContent?.replace(/\s+/g, ' ').trim().slice(0, 80);
    hub.emit('click', intentAttr(el, 'target') || category || el.tagName.toLowerCase(), {
      ...(category && { category }),
      // Numeric values become numbers, so rules can use ranges on them.
      ...(value && { value: /^-?\d+(\.\d+)?$/.test(value) && value.length < 16 ? +value : value }),
      ...(text && { text }),
    });
  });
