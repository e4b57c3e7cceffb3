import type { Collector } from './context';
import { eventElement } from './hub';

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

function isTextInput(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  const tag = el.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag !== 'INPUT') return false;
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  return type !== 'checkbox' && type !== 'radio';
}

/**
 * Only elements the app marks are read:
 * - `<input data-intent-search>` (or a form marked `data-intent-search` holding a text input):
 *   `{ type: 'search', target: 'site', data: { query, length } }` when the query is committed
 *   (change, submit);
 * - a control marked `data-intent-filter="color"` (select, checkbox, radio, or a clickable chip
 *   with `data-intent-value`): `{ type: 'filter', target: 'color', data: { value, active } }`.
 *   Free-text filter inputs only report that they changed.
 */
export const collectSearch = ((ctx, options) => {
  const { hub } = ctx;
  const capture = options.captureQuery ?? true;
  const maxLength = options.maxLength ?? 100;
  let lastQuery: string | null = null;

  const search = (input: Element): void => {
    if (!isTextInput(input)) return;
    const marked = input.closest('[data-intent-search]');
    if (!marked) return;
    const query = input.value.trim().slice(0, maxLength);
    if (query === '' || query === lastQuery) return;
    lastQuery = query;
    ctx.emit({
      type: 'search',
      target: marked.getAttribute('data-intent-search') || 'search',
      data: capture ? { query, length: query.length } : { length: query.length },
    });
  };

  const filter = (el: Element, clicked: boolean): void => {
    const marked = el.closest('[data-intent-filter]');
    if (!marked) return;
    const name = marked.getAttribute('data-intent-filter') || 'filter';
    const tag = el.tagName;
    let value: string | null = null;
    let active = true;
    if (clicked) {
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'OPTION') return;
      value = marked.getAttribute('data-intent-value');
      const pressed = marked.getAttribute('aria-pressed') ?? marked.getAttribute('aria-checked');
      // The click has not re-rendered yet: a chip that was pressed is being released.
      if (pressed !== null) active = pressed !== 'true';
    } else if (tag === 'SELECT') {
      value = (el as HTMLSelectElement).value;
    } else if (tag === 'INPUT' && !isTextInput(el)) {
      const input = el as HTMLInputElement;
      value = input.value;
      active = input.checked;
    }
    ctx.emit({
      type: 'filter',
      target: name,
      data: value === null || value === '' ? { active } : { value, active },
    });
  };

  const offs = [
    hub.on('document', 'change', (event) => {
      const el = eventElement(event);
      if (!el) return;
      if (el.closest('[data-intent-filter]')) filter(el, false);
      else search(el);
    }),
    hub.on('document', 'submit', (event) => {
      const form = eventElement(event);
      if (!form) return;
      const input = form.matches('[data-intent-search]')
        ? form.querySelector('input:not([type=hidden]),textarea')
        : form.querySelector('[data-intent-search]');
      if (input) search(input);
    }),
    hub.on('document', 'click', (event) => {
      const el = eventElement(event);
      if (el?.closest('[data-intent-filter]')) filter(el, true);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}) satisfies Collector<SearchOptions>;
