import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCollectors } from '../internal';
import { allOff, click } from './support';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const off = allOff;

describe('collector failures never reach the page', () => {
  it('a throwing target is reported once per failure and collection goes on', () => {
    document.body.innerHTML = '<button data-intent-target="buy">x</button>';
    const errors: Error[] = [];
    let calls = 0;
    const r = startCollectors(
      {
        track: () => {
          calls++;
          throw 'boom';
        },
        clock: () => 0,
      },
      { ...off, onError: (e) => errors.push(e) },
    );
    const button = document.querySelector('button')!;
    expect(() => click(button)).not.toThrow();
    expect(() => click(button)).not.toThrow();
    expect(calls).toBe(2);
    expect(errors.map((e) => [e instanceof Error, e.message])).toEqual([
      [true, 'boom'],
      [true, 'boom'],
    ]);
    r.stop();
  });

  it('without an error handler, development warns instead of staying silent', () => {
    document.body.innerHTML = '<button data-intent-target="buy">x</button>';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const r = startCollectors(
      {
        track: () => {
          throw new Error('track');
        },
        clock: () => 0,
      },
      off,
    );
    expect(() => click(document.querySelector('button')!)).not.toThrow();
    expect(warn).toHaveBeenCalledWith('[intentful] a collector failed:', new Error('track'));
    r.stop();
  });

  it('a throwing error handler is swallowed too', () => {
    document.body.innerHTML = '<button data-intent-target="buy">x</button>';
    const r = startCollectors(
      {
        track: () => {
          throw new Error('track');
        },
        clock: () => 0,
      },
      {
        ...off,
        onError: () => {
          throw new Error('handler');
        },
      },
    );
    expect(() => click(document.querySelector('button')!)).not.toThrow();
    r.stop();
  });

  it('a collector that fails to start is reported, the others run, and stop leaves nothing behind', () => {
    const add = vi.spyOn(document, 'addEventListener');
    const remove = vi.spyOn(document, 'removeEventListener');
    const seen: string[] = [];
    const errors: Error[] = [];
    // A runtime without MutationObserver: dead clicks cannot start.
    const source = { window: Object.create(window, { MutationObserver: { value: undefined } }) };
    document.body.innerHTML = '<button data-intent-target="buy">x</button>';
    const r = startCollectors(
      {
        track: (s) => {
          seen.push(s.type);
          return true;
        },
        clock: () => 0,
      },
      { ...off, deadClicks: true, source, onError: (e) => errors.push(e) },
    );
    click(document.querySelector('button')!);
    expect(seen).toEqual(['click']);
    expect(errors).toHaveLength(1);
    r.stop();
    expect(remove.mock.calls.map((c) => c[0]).sort()).toEqual(
      add.mock.calls.map((c) => c[0]).sort(),
    );
    r.pageView('/after-stop');
    click(document.querySelector('button')!);
    expect(seen).toEqual(['click']);
  });
});
