import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const src = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

// Stories import the package by its public names, exactly as an app would; these map them to
// the sources so Storybook never needs a build of dist first.
const publicNames = [
  { find: /^intentful\/core$/, replacement: src('core/index.ts') },
  { find: /^intentful\/policies$/, replacement: src('policies.ts') },
  { find: /^intentful\/motion$/, replacement: src('motion/index.tsx') },
  { find: /^intentful\/storybook$/, replacement: src('storybook/index.tsx') },
  { find: /^intentful\/devtools$/, replacement: src('devtools/index.tsx') },
  { find: /^intentful\/profile$/, replacement: src('profile/index.ts') },
  { find: /^intentful$/, replacement: src('index.ts') },
];

/** Everything the preview, the stories and the library import from node_modules. */
const prebundled = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'zustand/vanilla',
  'framer-motion',
  'storybook/test',
  '@storybook/addon-docs/blocks',
  '@storybook/react-vite',
];

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  // Telemetry does DNS look-ups that fail on closed networks and silently slow every build.
  core: { disableTelemetry: true },
  // react-docgen parses each component file on its own. react-docgen-typescript builds a whole
  // TypeScript program on the dev server's thread instead: on a fresh machine that blocked the
  // first start for over a minute ("Server timed out", manager UniversalStore time-outs).
  typescript: { reactDocgen: 'react-docgen' },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: { alias: publicNames },
      // Pre-bundle every dependency a story reaches before the first request, so the first start
      // never discovers one late, re-optimizes and reloads the page.
      optimizeDeps: {
        entries: ['stories/**/*.stories.tsx', 'stories/**/*.mdx', '.storybook/preview.ts'],
        include: prebundled,
      },
      // Transform the preview and the first stories while the manager loads.
      server: {
        warmup: {
          clientFiles: ['./.storybook/preview.ts', './stories/**/*.stories.tsx', './src/index.ts'],
        },
      },
      build: {
        chunkSizeWarningLimit: 2000,
        rollupOptions: {
          onwarn(warning, warn) {
            // framer-motion ships "use client" in every module; Vite warns about each one.
            if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
            warn(warning);
          },
        },
      },
    });
  },
};

export default config;
