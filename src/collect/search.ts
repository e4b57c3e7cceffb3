import { type Hub, label } from './hub';

/** Options for marked search inputs and filters. */
export interface SearchOptions {
  /**
   * Record the query typed into a `data-intent-search` input (redacted like every signal, at
   * most `maxLength` characters). When off, only its length is recorded.
   * @defaultValue `true`
   */
  captureQuery?: boolean;
  /** Longest query kept. @defaultValue `100` */
  maxLength?: number;
}

const isTextInput = (el: Element): el is HTMLInputElement | HTMLTextAreaElement =>
  el.tagName === 'TEXTAREA' ||
  (el.tagName === 'INPUT' && !/^(checkbox|radio)$/i.test(el.getAttribute('type') ?? ''));

/**
 * Only elements the app marks are read:
 * - `<input data-intent-search>` (or a form marked `data-intent-search` holding a text input):
 *   `{ type: 'search', target: 'site', data: { query, length } }` when the query is committed
 *   (change, submit);
 * - a control marked `data-intent-filter="color"` (select, checkbox, radio, or a clickable chip
 *   with `data-intent-value`): `{ type: 'filter', target: 'color', data: { value, active } }`.
 *   Free-text filter inputs only report that they changed.
 */
export const collectSearch = (hub: Hub, options: SearchOptions): void => {
  let last: string | undefined;
  const search = (input: Element | null): void => {
    if (!input || !isTextInput(input)) return;
    const marked = input.closest('[data-intent-search]');
    if (!marked) return;
    const query = input.value.trim().slice(0, options.maxLength ?? 100);
    if (!query || query === last) return;
    last = query;
    const { length } = query;
    hub.emit(
      'search',
      label(marked, 'data-intent-search', 'search'),
      options.captureQuery === false ? { length } : { query, length },
    );
  };
  // `clicked`: chips report on click; form controls report on change.
  const filter = (el: Element, clicked?: boolean): void => {
    const marked = el.closest('[data-intent-filter]')!;
    let value: string | null = null;
    let active = true;
    if (clicked) {
      // Controls (and labels, which click their control) report through `change`.
      if (el.closest('input,select,option,label')) return;
      value = marked.getAttribute('data-intent-value');
      const pressed = marked.getAttribute('aria-pressed') ?? marked.getAttribute('aria-checked');
      // The click has not re-rendered yet: a chip that was pressed is being released.
      if (pressed) active = pressed !== 'true';
    } else if (!isTextInput(el)) {
      ({ value } = el as HTMLSelectElement);
      active = (el as HTMLInputElement).checked ?? true;
    }
    hub.emit('filter', label(marked, 'data-intent-filter', 'filter'), {
      ...(value && { value }),
      active,
    });
  };
  hub.on('change', (_, el) => {
    if (el?.closest('[data-intent-filter]')) filter(el);
    else search(el);
  });
  hub.on('submit', (_, form) => {
    search(
      form?.querySelector(
        form.matches('[data-intent-search]')
          ? 'input:not([type=hidden]),textarea'
          : '[data-intent-search]',
      ) ?? null,
    );
  });
  hub.on('click', (_, el) => {
    if (el?.closest('[data-intent-filter]')) filter(el, true);
  });
};
