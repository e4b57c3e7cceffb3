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

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  // Telemetry does DNS look-ups that fail on closed networks and silently slow every build.
  core: { disableTelemetry: true },
  typescript: { reactDocgen: 'react-docgen-typescript' },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: { alias: publicNames },
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
