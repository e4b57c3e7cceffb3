/**
 * Folding of text that hides digits and separators from the ASCII patterns: non-Latin digits
 * (Arabic-Indic, Devanagari, full-width, …), full-width and small forms (`＠`, `－`), every kind of
 * dash, unusual spaces, and invisible format characters (zero-width spaces, bidi marks) typed or
 * pasted between digits. Matching runs on the folded text; when nothing is redacted the caller
 * returns the original.
 */

// Only non-ASCII strings can need folding; among them only these characters change.
// `\p{No}` (circled and superscript digits) and the compatibility forms go through NFKC.
const FOLDABLE =
  /(?![\0-\x7f])[\p{Nd}\p{No}\p{Pd}\p{Zs}\p{Cf}\u2212\u066b\u066c\u30fc\ufe50-\ufe6b\uff01-\uff5e]/u;
const MAP = /(?![\0-\x7f])[\p{Nd}\p{Pd}\p{Zs}\p{Cf}\u2212\u066b\u066c\u30fc]/gu;
const DIGIT = /\p{Nd}/u;
const NON_ASCII = /[^\0-\x7f]/;

// Unicode gives every decimal digit set as ten consecutive code points from zero, and adjacent
// sets are whole tens: the distance from the first digit of the block, mod 10, is the value.
const digitValues = /* @__PURE__ */ new Map<number, string>();
function digitOf(ch: string): string {
  const code = ch.codePointAt(0)!;
  let value = digitValues.get(code);
  if (value === undefined) {
    let zero = code;
    while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    value = String((code - zero) % 10);
    if (digitValues.size < 512) digitValues.set(code, value);
  }
  return value;
}

/** True when `fold` could change `value`. Cheap for ASCII strings. */
export function needsFold(value: string): boolean {
  return NON_ASCII.test(value) && FOLDABLE.test(value);
}

/**
 * `value` with compatibility forms normalized (NFKC), decimal digits of every script as ASCII
 * digits, dashes (‐‑‒–—―−, full-width) as `-`, spaces (no-break, thin, ideographic) as ` `,
 * Arabic decimal and thousands separators as `.` and `,`, the Japanese long vowel mark between
 * digits as `-`, and invisible format characters removed.
 */
export function fold(value: string): string {
  const text = value.normalize('NFKC');
  return text.replace(MAP, (ch: string, at: number): string => {
    if (DIGIT.test(ch)) return digitOf(ch);
    // ー is a dash only between digits ("090ー1234ー5678"); in words it lengthens a vowel.
    if (ch === '\u30fc')
      return DIGIT.test(text[at - 1] ?? '') && DIGIT.test(text[at + 1] ?? '') ? '-' : ch;
    // The rest are dashes, the minus sign (−) among them.
    return ch === '\u066b'
      ? '.'
      : ch === '\u066c'
        ? ','
        : /\p{Cf}/u.test(ch)
          ? ''
          : /\p{Zs}/u.test(ch)
            ? ' '
            : '-';
  });
}
