import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/core/privacy';
import { aadhaar, gtin, isbn10, koreanRrn, luhn, myNumber } from '../../src/core/redact/checks';
import { fold } from '../../src/core/redact/fold';

// xorshift32 from a fixed seed: the same cases on every run, no dependency.
function generator(seed: number) {
  let state = seed;
  const int = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const digits = (n: number): string => Array.from({ length: n }, () => int(10)).join('');
  return { int, pick, digits };
}

const N = 400;

const WORDS = [
  'trail',
  'running',
  'shoes',
  'Laufschuhe',
  'Größe',
  'chaussures',
  'taille',
  'scarpe',
  'zapatillas',
  'hardloopschoenen',
  'buty',
  'koşu',
  'ayakkabısı',
  'أحذية',
  'جري',
  'जूते',
  'ランニング',
  '跑步鞋',
  '러닝화',
  'giày',
  'tênis',
  'size 42',
  'pack of 2',
  'black',
  'noir',
  'schwarz',
  'free shipping',
  'livraison gratuite',
  '—',
  ',',
  ':',
  '(new)',
];

// Digits of other scripts: Arabic-Indic, Eastern Arabic-Indic, Devanagari, Bengali, Thai,
// full-width.
const ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10];
const script = (s: string, zero: number): string =>
  s.replace(/\d/g, (d) => String.fromCharCode(zero + Number(d)));
const SEPARATORS = [' ', '-', '‐', '‑', '‒', '–', '—', '―', '−', '_', '.', '\u00a0', '\u2009'];

type Gen = ReturnType<typeof generator>;

function shopText(g: Gen): string {
  return Array.from({ length: 1 + g.int(5) }, () => g.pick(WORDS)).join(' ');
}

function group(s: string, size: number, sep: string): string {
  return s.match(new RegExp(`.{1,${size}}`, 'g'))!.join(sep);
}

function completeLuhn(body: string): string {
  for (let d = 0; d < 10; d++) if (luhn(body + d)) return body + d;
  throw new Error('unreachable');
}

function completeGtin(body: string): string {
  for (let d = 0; d < 10; d++) if (gtin(body + d)) return body + d;
  throw new Error('unreachable');
}

function card(g: Gen): { text: string; digits: string } {
  const [prefix, length] = g.pick([
    ['4', 16],
    ['51', 16],
    ['55', 16],
    ['2221', 16],
    ['34', 15],
    ['37', 15],
    ['6011', 16],
    ['35', 16],
  ] as const);
  const digits = completeLuhn(prefix + g.digits(length - prefix.length - 1));
  const form = g.int(4);
  const text =
    form === 0
      ? digits
      : form === 1
        ? group(digits, 4, g.pick(SEPARATORS))
        : form === 2
          ? script(group(digits, 4, ' '), g.pick(ZEROS))
          : group(digits, 4, '');
  return { text, digits };
}

function mod97(s: string): number {
  let rest = 0;
  for (const c of s) rest = (rest * (c < 'A' ? 10 : 100) + Number.parseInt(c, 36)) % 97;
  return rest;
}

function iban(g: Gen): { text: string; secret: string } {
  const letters = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(65 + g.int(26))).join('');
  const [country, bban] = g.pick([
    ['DE', () => g.digits(18)],
    ['FR', () => g.digits(23)],
    ['ES', () => g.digits(20)],
    ['IT', () => letters(1) + g.digits(22)],
    ['NL', () => letters(4) + g.digits(10)],
    ['GB', () => letters(4) + g.digits(14)],
    ['PL', () => g.digits(24)],
    ['TR', () => g.digits(22)],
    ['BE', () => g.digits(12)],
    ['AT', () => g.digits(16)],
    ['CH', () => g.digits(17)],
    ['SA', () => g.digits(20)],
    ['AE', () => g.digits(19)],
    ['PT', () => g.digits(21)],
    ['SE', () => g.digits(20)],
  ] as const);
  const body = bban();
  const check = String(98 - mod97(`${body}${country}00`)).padStart(2, '0');
  const full = `${country}${check}${body}`;
  const text = g.int(2) ? full : group(full, 4, ' ');
  return { text: g.int(3) ? text : text.toLowerCase(), secret: body.slice(-10) };
}

function email(g: Gen): { text: string; secrets: string[] } {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const word = (n: number) => Array.from({ length: n }, () => chars[g.int(chars.length)]).join('');
  const user = `${word(4 + g.int(4))}${g.pick(['', '.', '_', '+', '-'])}${word(4)}`;
  const host = `${word(6 + g.int(4))}.${g.pick(['com', 'de', 'fr', 'co.jp', 'com.br', 'vn'])}`;
  const local = g.int(5) ? user : `"${user} ${word(4)}"`;
  const at = g.pick(['@', '@', '%40', '＠', ' [at] ']);
  return { text: `${local}${at}${host}`, secrets: [user, host.split('.')[0]!] };
}

function phone(g: Gen): { text: string; digits: string } {
  const digits = `0${g.digits(9 + g.int(2))}`;
  const sep = g.pick(SEPARATORS);
  const text = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)].join(sep);
  return { text: g.int(3) ? text : script(text, g.pick(ZEROS)), digits };
}

const pad = (n: number) => String(n).padStart(2, '0');

function date(g: Gen): string {
  const y = 1990 + g.int(45);
  const m = 1 + g.int(12);
  const d = 1 + g.int(28);
  const sep = g.pick(['.', '/', '-']);
  const text = g.pick([
    `${pad(d)}${sep}${pad(m)}${sep}${y}`,
    `${d}${sep}${m}${sep}${y}`,
    `${y}${sep}${pad(m)}${sep}${pad(d)}`,
    `${pad(m)}/${pad(d)}/${y}`,
    `${y}-${pad(m)}-${pad(d)} ${pad(g.int(24))}:${pad(g.int(60))}`,
    `${y}-${y + g.int(8)}`,
    `${y}–${y + g.int(8)}`,
  ]);
  return g.int(4) ? text : script(text, g.pick(ZEROS));
}

function price(g: Gen): string {
  const amount = String(1_000_000 + g.int(2_000_000_000));
  const grouped = amount.replace(/\B(?=(\d{3})+$)/g, g.pick([' ', '.', '\u00a0', '\u202f']));
  const before = g.pick(['€', '$', 'R$ ', 'Rp ', '₹', '₩', '¥', 'USD ', 'CHF ', '']);
  const after = before
    ? ''
    : g.pick([' ₫', ' đ', 'đ', ' €', ' VND', ' zł', ' Ft', ' TL', '円', '원']);
  return `${before}${g.int(3) ? grouped : amount}${after}`;
}

function book(g: Gen): string {
  if (g.int(2)) {
    const body = `${g.pick(['978', '979'])}${g.digits(9)}`;
    const isbn = completeGtin(body);
    return g.int(2)
      ? isbn
      : `${isbn.slice(0, 3)}-${isbn[3]}-${isbn.slice(4, 7)}-${isbn.slice(7, 12)}-${isbn[12]}`;
  }
  const body = g.digits(9);
  const check = [...'0123456789X'].find((c) => isbn10(body + c))!;
  return `${body[0]}-${body.slice(1, 4)}-${body.slice(4)}-${check}`;
}

// Barcodes that are not also a valid person id: when both checks pass, the id wins on purpose.
function barcode(g: Gen): string {
  for (;;) {
    const n = g.pick([12, 13, 13, 14]);
    const prefix =
      n === 13
        ? g.pick(['400', '590', '880', '450', '690', '893', '789', '869', '300', '800'])
        : '0';
    const code = completeGtin(prefix + g.digits(n - prefix.length - 1));
    if (!aadhaar(code) && !koreanRrn(code) && !myNumber(code)) return code;
  }
}

function leaks(out: string, secrets: readonly string[]): boolean {
  const text = fold(out).toLowerCase();
  const outDigits = text.replace(/\D/g, '');
  return secrets.some((s) =>
    /^\d+$/.test(s) ? outDigits.includes(s) : text.includes(s.toLowerCase()),
  );
}

describe('redaction properties (seeded)', () => {
  it('always redacts valid cards, IBANs, e-mails and phone numbers in random shop text', () => {
    const g = generator(20261123);
    const failures: string[] = [];
    for (let i = 0; i < N; i++) {
      const kind = i % 4;
      const secret =
        kind === 0
          ? (() => {
              const c = card(g);
              return { text: c.text, secrets: [c.digits] };
            })()
          : kind === 1
            ? (() => {
                const b = iban(g);
                return { text: b.text, secrets: [b.secret] };
              })()
            : kind === 2
              ? email(g)
              : (() => {
                  const p = phone(g);
                  return { text: p.text, secrets: [p.digits] };
                })();
      const input = `${shopText(g)} ${secret.text} ${shopText(g)}`;
      const out = redactText(input);
      if (leaks(out, secret.secrets))
        failures.push(`${JSON.stringify(input)} → ${JSON.stringify(out)}`);
    }
    expect(failures).toEqual([]);
  });

  it('never changes valid ISBNs, barcodes, dates, year ranges and prices in shop text', () => {
    const g = generator(4006381);
    const changed: string[] = [];
    for (let i = 0; i < N; i++) {
      const keep = [book, barcode, date, price][i % 4]!(g);
      const input = `${shopText(g)} ${keep} ${shopText(g)}`;
      const out = redactText(input);
      if (out !== input) changed.push(`${JSON.stringify(input)} → ${JSON.stringify(out)}`);
    }
    expect(changed).toEqual([]);
  });

  it('returns text without anything to redact as the same string', () => {
    const g = generator(42);
    for (let i = 0; i < N; i++) {
      const input = shopText(g);
      expect(redactText(input)).toBe(input);
    }
  });

  it('is idempotent', () => {
    const g = generator(7);
    const makers = [
      () => card(g).text,
      () => iban(g).text,
      () => email(g).text,
      () => phone(g).text,
      () => book(g),
      () => barcode(g),
      () => date(g),
      () => price(g),
    ];
    for (let i = 0; i < N; i++) {
      const input = [shopText(g), g.pick(makers)(), shopText(g), g.pick(makers)()].join(' ');
      const once = redactText(input);
      expect([input, redactText(once)]).toEqual([input, once]);
      const url = `/search?q=${encodeURIComponent(input)}`;
      const onceUrl = redactText(url);
      expect([url, redactText(onceUrl)]).toEqual([url, onceUrl]);
    }
  });
});
