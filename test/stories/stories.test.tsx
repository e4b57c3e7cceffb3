import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import axe from 'axe-core';
import { MotionGlobalConfig } from 'framer-motion';
import { afterEach, describe, expect, test } from 'vitest';
import preview from '../../.storybook/preview';

// Every story file, found the way Storybook finds them, so a new story is tested without
// anyone remembering to add it here.
const files = import.meta.glob<Parameters<typeof composeStories>[0]>(
  '../../stories/**/*.stories.tsx',
  { eager: true },
);

setProjectAnnotations([preview]);

// jsdom has no layout, so nothing would ever be "on screen": report every observed element as
// fully visible, which is what a shopper looking at the story sees. Dwell and exposure
// collectors then run their real code paths.
class VisibleEverywhere {
  readonly #callback: IntersectionObserverCallback;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  constructor(callback: IntersectionObserverCallback) {
    this.#callback = callback;
  }
  observe(target: Element): void {
    const id = setTimeout(() => {
      this.#timers.delete(id);
      const rect = target.getBoundingClientRect();
      const entry = {
        target,
        isIntersecting: true,
        intersectionRatio: 1,
        boundingClientRect: rect,
        intersectionRect: rect,
        rootBounds: null,
        time: performance.now(),
      } as IntersectionObserverEntry;
      this.#callback([entry], this as unknown as IntersectionObserver);
    }, 0);
    this.#timers.add(id);
  }
  unobserve(): void {}
  disconnect(): void {
    for (const id of this.#timers) clearTimeout(id);
    this.#timers.clear();
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
}
globalThis.IntersectionObserver = VisibleEverywhere as unknown as typeof IntersectionObserver;
MotionGlobalConfig.skipAnimations = true;

afterEach(() => {
  document.body.innerHTML = '';
});

// Page-level rules judge a whole document (one <main>, one <h1>); a story is a fragment of one.
// jsdom has no layout or canvas, so colour contrast is checked in the chromium test instead.
const fragmentRules = {
  'color-contrast': { enabled: false },
  region: { enabled: false },
  'landmark-one-main': { enabled: false },
  'page-has-heading-one': { enabled: false },
};

async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, { rules: fragmentRules, resultTypes: ['violations'] });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

test('every story file is picked up', () => {
  expect(Object.keys(files).length).toBeGreaterThan(0);
});

for (const [file, module] of Object.entries(files)) {
  const stories = composeStories(module) as Record<string, { run(): Promise<void> }>;
  describe(file.replace('../../stories/', ''), () => {
    for (const [name, Story] of Object.entries(stories)) {
      test(`${name} renders, plays and has no axe violations`, async () => {
        await Story.run();

        expect(document.body.textContent?.trim().length).toBeGreaterThan(0);
        expect(await violations(document.body)).toEqual([]);
      }, 30_000);
    }
  });
}
