/**
 * Check digits. A number that passes its scheme's check is very likely what it claims to be
 * (a card, an IBAN, a national id, a book or a product barcode); one that fails is not.
 * All functions take the characters only, without separators.
 */

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Luhn (mod 10): payment cards, some national ids. */
export function luhn(digits: string): boolean {
  const n = digits.length;
  let sum = 0;
  for (let i = n; i--; ) {
    const d = digit(digits, i) * ((n - i) % 2 ? 1 : 2);
    sum += d > 9 ? d - 9 : d;
  }
  return n > 1 && sum % 10 === 0;
}

/** GS1 check digit (EAN-8, UPC-A, EAN-13, GTIN-14; ISBN-13 is an EAN-13). */
export function gtin(digits: string): boolean {
  const n = digits.length;
  let sum = 0;
  for (let i = n - 1; i--; ) sum += digit(digits, i) * ((n - 1 - i) % 2 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === digit(digits, n - 1);
}

/** ISBN-10: weights 10..1, mod 11, `X` for ten. */
export function isbn10(chars: string): boolean {
  if (!/^\d{9}[\dX]$/i.test(chars)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    // Only the last character can be other than a digit, and then it is X (or x).
    const d = digit(chars, i);
    sum += (d > 9 ? 10 : d) * (10 - i);
  }
  return sum % 11 === 0;
}

// Lengths by country of the IBANs in the SWIFT registry; an IBAN-shaped code of another length,
// or from a country without IBANs, is not one.
const IBAN_LENGTHS: Record<string, number> = /* @__PURE__ */ lengths([
  [15, 'NO'],
  [16, 'BE'],
  [18, 'DK FI FO GL NL SD FK'],
  [19, 'MK SI'],
  [20, 'AT BA EE KZ LT LU MN XK'],
  [21, 'CH HR LI LV'],
  [22, 'BG BH CR DE GB GE IE ME RS VA IQ'],
  [23, 'AE GI IL TL OM SO'],
  [24, 'AD CZ ES MD PK RO SA SE SK TN VG'],
  [25, 'LY PT ST'],
  [26, 'IS TR'],
  [27, 'BI DJ FR GR IT MC MR SM'],
  [28, 'AL AZ BY CY DO GT HN HU LB NI PL SV'],
  [29, 'BR EG PS QA UA'],
  [30, 'JO KW MU YE'],
  [31, 'MT SC'],
  [32, 'LC'],
  [33, 'RU'],
]);

// A function, not a loop at module level, so bundles that never redact drop the table.
function lengths(table: readonly (readonly [number, string])[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [length, codes] of table) for (const code of codes.split(' ')) out[code] = length;
  return out;
}

/** An IBAN of its country's length whose check digits pass mod 97. */
export function iban(chars: string): boolean {
  const s = chars.toUpperCase();
  if (IBAN_LENGTHS[s.slice(0, 2)] !== s.length) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    // Letters count as two digits, 10 to 35.
    rest = c < 58 ? (rest * 10 + c - 48) % 97 : (rest * 100 + c - 55) % 97;
  }
  return rest === 1;
}

/** Spanish DNI (8 digits and a letter) or NIE (X, Y or Z, 7 digits, letter). */
export function dni(chars: string): boolean {
  const s = chars.toUpperCase();
  const body = s.slice(0, -1).replace(/^[XYZ]/, (l) => String('XYZ'.indexOf(l)));
  return /^\d{8}$/.test(body) && 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(body) % 23] === s.at(-1);
}

// Values of characters at odd positions (1st, 3rd, …) of an Italian codice fiscale; digits take
// the value of the letter at their index.
const CF_ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** Italian codice fiscale (16 characters): the last letter checks the first 15. */
export function codiceFiscale(chars: string): boolean {
  const s = chars.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    const v = c < 58 ? c - 48 : c - 65;
    sum += i % 2 ? v : CF_ODD[v]!;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

/** Dutch BSN: 9 digits passing the 11-proof (the last digit weighs -1). */
export function bsn(digits: string): boolean {
  if (digits.length !== 9) return false;
  let sum = -digit(digits, 8);
  for (let i = 0; i < 8; i++) sum += digit(digits, i) * (9 - i);
  return sum % 11 === 0 && sum > 0;
}

// Verhoeff dihedral-group tables, for Aadhaar numbers.
const V_D = [
  '0123456789',
  '1234067895',
  '2340178956',
  '3401289567',
  '4012395678',
  '5987604321',
  '6598710432',
  '7659821043',
  '8765932104',
  '9876543210',
];
const V_P = [
  '0123456789',
  '1576283094',
  '5803796142',
  '8916043527',
  '9453126870',
  '4286573901',
  '2793806415',
  '7046913258',
];

/** Indian Aadhaar: 12 digits, first 2 to 9, Verhoeff check. */
export function aadhaar(digits: string): boolean {
  if (digits.length !== 12 || digits < '2') return false;
  let c = 0;
  for (let i = 0; i < 12; i++) {
    const p = digit(V_P[i % 8]!, digit(digits, 11 - i));
    c = digit(V_D[c]!, p);
  }
  return c === 0;
}

/** Japanese My Number: 12 digits, mod 11 check on the last. */
export function myNumber(digits: string): boolean {
  if (digits.length !== 12) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += digit(digits, 11 - n) * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return (r <= 1 ? 0 : 11 - r) === digit(digits, 11);
}

/** Korean resident registration number (before 2020): birth date, then a mod 11 check. */
export function koreanRrn(digits: string): boolean {
  if (digits.length !== 13 || !/^\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[1-8]/.test(digits))
    return false;
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += digit(digits, i) * w[i]!;
  return (11 - (sum % 11)) % 10 === digit(digits, 12);
}

/**
 * US SSN written 3-2-4 outside the ranges never issued: area 000, 666 and 900–999, group 00,
 * serial 0000.
 */
export function ssn(run: string): boolean {
  const m = /^(\d{3})[- ](\d\d)[- ](\d{4})$/.exec(run);
  return (
    !!m && m[1] !== '000' && m[1] !== '666' && m[1]! < '900' && m[2] !== '00' && m[3] !== '0000'
  );
}

/** Bits of Shannon entropy per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
