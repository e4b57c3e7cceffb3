import { describeElement, type Hub, INTERACTIVE } from './hub';

/** Options for clicks on marked elements and on controls inside a marked category. */
export interface ClickOptions {
  /**
   * Also record the clicked element's visible text (trimmed, at most 80 characters). Text can
   * name people, orders or addresses, so it is only kept with the full structural redactor
   * (`redaction()` in the client's plugins); without it the text is dropped and the client's
   * `onError` is told (a full sentence in development, a short one in production).
   * @defaultValue `false`
   */
  captureText?: boolean;
}

// A value marks a control too (a plan chip, a size button), even without a target of its own.
const CLICKABLE = `[data-intent-value],${INTERACTIVE}`;

/**
 * A click is about the closest element marked `data-intent-target`, else the closest control
 * (button, link, input, summary, `[role=button]`, …, or a `data-intent-value` element), never
 * about a wrapper: in `<main data-intent-category="boots">` a click on the product image or its
 * heading records nothing, a click on a size button records `{ target: 'button', data: {
 * category: 'boots' } }` (`#id` when the button has one). The closest `data-intent-category`
 * around the element is context (`data.category`), never the target. A control outside anything
 * the app marked is not recorded.
 *
 * `<button data-intent-target="compare" data-intent-value="pro">` inside
 * `data-intent-category="plans"` becomes
 * `{ type: 'click', target: 'compare', data: { category: 'plans', value: 'pro' } }`.
 */
export const collectClicks = (hub: Hub, options: ClickOptions): void =>
  hub.on('click', (_, target) => {
    // A click on a label is followed by one on its control: count the control's only.
    const control = (target?.closest('label') as HTMLLabelElement | null)?.control;
    if (control && !control.contains(target) && !(control as HTMLInputElement).disabled) return;
    const el = target?.closest('[data-intent-target]') ?? target?.closest(CLICKABLE);
    if (!el) return;
    const name = el.getAttribute('data-intent-target');
    const category = el.closest('[data-intent-category]')?.getAttribute('data-intent-category');
    const value = el.getAttribute('data-intent-value');
    if (!name && !category && !value) return;
    const text = options.captureText && el.textContent?.replace(/\s+/g, ' ').trim().slice(0, 80);
    hub.emit('click', name || describeElement(el), {
      ...(category && { category }),
      // Numeric values become numbers, so rules can use ranges on them; seven digits or more
      // before the point may be a phone or an id, and stay text for redaction to judge.
      ...(value && { value: /^-?\d{1,6}(\.\d+)?$/.test(value) ? +value : value }),
      ...(text && { text }),
    });
  });
