import { type Hub, label } from './hub';

/** Options for marked search inputs and filters. */
export interface SearchOptions {
  /**
   * What is kept of the query typed into a `data-intent-search` input:
   * - `'vocabulary'`: only the words of `vocabulary` found in the query, in the order typed,
   *   joined by spaces (`'men boots gore-tex size 44 for jane'` → `'boots gore-tex'`); a query
   *   without any records only its length. Names, addresses and order references typed into the
   *   box are never kept.
   * - `'free'`: the whole query, redacted by the full structural redactor, which must be among
   *   the client's plugins (`redaction()`); without it the query is dropped (reported, and
   *   `'vocabulary'` applies). Redaction removes e-mails, phone, card and id numbers, but names
   *   and addresses are kept as typed: opt in only when the app needs free text and says so to
   *   its users.
   * - `'none'` (or `false`): only the query's length.
   *
   * `true` means the default.
   * @defaultValue `'vocabulary'`
   */
  captureQuery?: 'vocabulary' | 'free' | 'none' | boolean;
  /**
   * The app's category and filter words to recognise in queries, e.g.
   * `['boots', 'running', 'trail running', 'gore-tex', 'Laufschuhe']`. Matched as whole words
   * (entries may be phrases), ignoring case and accents; in Chinese, Japanese, Korean and Thai
   * also inside words. Reported as written here.
   * @defaultValue `[]`: nothing of the query is kept
   */
  vocabulary?: readonly string[];
  /** Longest query read. @defaultValue `100` */
  maxLength?: number;
}

// Case, accents and compatibility forms ignored: "Gore-Tex", "GORE‑TEX", "gore-tex" alike.
const plain = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\p{Pd}\s]+/gu, (m) => (/\s/.test(m) ? ' ' : '-'));

const LETTER = /[\p{L}\p{N}]/u;
// Scripts written without spaces between words: a vocabulary word may sit inside a longer one.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hangul}]/u;

const edge = (outside: string | undefined, inside: string): boolean =>
  outside === undefined || !LETTER.test(outside) || UNSPACED.test(outside) || UNSPACED.test(inside);

/** The words of `vocabulary` in `query`, in the order typed, each once, longest first where they overlap. */
export function vocabularyOf(query: string, vocabulary: readonly string[]): string {
  const q = plain(query);
  const found: { at: number; end: number; word: string }[] = [];
  for (const word of vocabulary) {
    const w = plain(word).trim();
    if (!w) continue;
    for (let at = q.indexOf(w); at >= 0; at = q.indexOf(w, at + 1)) {
      const end = at + w.length;
      if (edge(q[at - 1], w[0]!) && edge(q[end], w[w.length - 1]!)) found.push({ at, end, word });
    }
  }
  found.sort((a, b) => a.at - b.at || b.end - a.end);
  const kept: string[] = [];
  let until = 0;
  for (const { at, end, word } of found) {
    if (at < until || kept.includes(word)) continue;
    kept.push(word);
    until = end;
  }
  return kept.join(' ');
}

const isTextInput = (el: Element): el is HTMLInputElement | HTMLTextAreaElement =>
  el.tagName === 'TEXTAREA' ||
  (el.tagName === 'INPUT' && !/^(checkbox|radio)$/i.test(el.getAttribute('type') ?? ''));

/**
 * Only elements the app marks are read:
 * - `<input data-intent-search>` (or a form marked `data-intent-search` holding a text input):
 *   `{ type: 'search', target: 'site', data: { query, length } }` when the query is committed
 *   (change, submit), where `query` holds what `captureQuery` keeps (by default the
 *   `vocabulary` words found in it) and is left out when nothing is kept;
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
    const mode = options.captureQuery;
    const kept =
      mode === 'free'
        ? query
        : mode === 'none' || mode === false
          ? ''
          : vocabularyOf(query, options.vocabulary ?? []);
    hub.emit(
      'search',
      label(marked, 'data-intent-search', 'search'),
      kept ? { query: kept, length } : { length },
    );
  };
  // `marked` is the `data-intent-filter` element around `el`, found by the caller.
  // `clicked`: chips report on click; form controls report on change.
  const filter = (el: Element, marked: Element, clicked?: boolean): void => {
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
    const marked = el?.closest('[data-intent-filter]');
    if (marked) filter(el!, marked);
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
    const marked = el?.closest('[data-intent-filter]');
    if (marked) filter(el!, marked, true);
  });
};
