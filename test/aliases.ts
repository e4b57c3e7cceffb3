import { fileURLToPath } from 'node:url';

const src = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** Every `intentful` entry resolved to its source, for vitest and the browser-test bundles alike. */
export const alias = {
  'intentful/core': src('core/index.ts'),
  'intentful/policies': src('policies.ts'),
  'intentful/motion': src('motion/index.tsx'),
  'intentful/storybook': src('storybook/index.tsx'),
  'intentful/devtools': src('devtools/index.tsx'),
  'intentful/sinks/ga4': src('sinks/ga4.ts'),
  'intentful/sinks/segment': src('sinks/segment.ts'),
  'intentful/sinks/posthog': src('sinks/posthog.ts'),
  'intentful/recorder': src('recorder/index.ts'),
  'intentful/profile': src('profile/index.ts'),
  intentful: src('index.ts'),
};
