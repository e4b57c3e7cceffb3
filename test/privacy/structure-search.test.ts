import { afterEach, describe, expect, it } from 'vitest';
import { type Collectors, startCollectors } from '../../src/collect/index';
import { type SearchOptions, vocabularyOf } from '../../src/collect/search';
import type { SignalInput } from '../../src/core/signal';

const VOCABULARY = [
  'boots',
  'running',
  'trail running',
  'Gore-Tex',
  'Laufschuhe',
  'giày',
  'ブーツ',
  '운동화',
];

describe('vocabulary of a search query', () => {
  it('keeps only the declared words, in the order typed, as declared', () => {
    expect(vocabularyOf('men BOOTS gore‑tex size 44 for Jane Doe', VOCABULARY)).toBe(
      'boots Gore-Tex',
    );
    expect(vocabularyOf('Trail Running shoes', VOCABULARY)).toBe('trail running');
    expect(vocabularyOf('boots, BOOTS and running', VOCABULARY)).toBe('boots running');
    expect(vocabularyOf('laufschuhe für Klaus Müller', VOCABULARY)).toBe('Laufschuhe');
    expect(vocabularyOf('giay chay bo', VOCABULARY)).toBe('giày');
    expect(vocabularyOf('田中さんのブーツ', VOCABULARY)).toBe('ブーツ');
    expect(vocabularyOf('김민수 운동화를', VOCABULARY)).toBe('운동화');
  });

  it('matches whole words only in spaced scripts', () => {
    expect(vocabularyOf('bootstrap rerunning', VOCABULARY)).toBe('');
    expect(vocabularyOf('Jane Doe, 12 Main Street', VOCABULARY)).toBe('');
  });
});

describe('marked search boxes', () => {
  let running: Collectors | undefined;
  afterEach(() => running?.stop());

  function search(options: SearchOptions | boolean, typed: string): SignalInput[] {
    const signals: SignalInput[] = [];
    document.body.innerHTML = '<input data-intent-search="site" id="q">';
    running = startCollectors(
      {
        track: (s) => {
          signals.push(s);
          return true;
        },
        clock: () => 1,
      },
      {
        search: options,
        pageViews: false,
        session: false,
        clicks: false,
        scrollDepth: false,
        visibility: false,
      },
    );
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = typed;
    q.dispatchEvent(new Event('change', { bubbles: true }));
    return signals.filter((s) => s.type === 'search');
  }

  it('keeps vocabulary words by default, never a name typed into the box', () => {
    const [s] = search({ vocabulary: VOCABULARY }, 'Jane Doe running boots');
    expect(s?.data).toEqual({ query: 'running boots', length: 22 });
    expect(search({ vocabulary: VOCABULARY }, 'Jane Doe')[0]?.data).toEqual({ length: 8 });
    expect(search(true, 'Jane Doe boots')[0]?.data).toEqual({ length: 14 });
  });

  it("keeps the whole query only with captureQuery: 'free'", () => {
    expect(search({ captureQuery: 'free' }, 'Jane Doe boots')[0]?.data).toEqual({
      query: 'Jane Doe boots',
      length: 14,
    });
  });

  it("records only the length with captureQuery: 'none' or false", () => {
    for (const captureQuery of ['none', false] as const)
      expect(search({ captureQuery, vocabulary: VOCABULARY }, 'boots')[0]?.data).toEqual({
        length: 5,
      });
  });
});
