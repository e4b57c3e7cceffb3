import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  'intentful/core': fileURLToPath(new URL('./src/core/index.ts', import.meta.url)),
  'intentful/policies': fileURLToPath(new URL('./src/policies.ts', import.meta.url)),
  'intentful/motion': fileURLToPath(new URL('./src/motion/index.tsx', import.meta.url)),
  'intentful/storybook': fileURLToPath(new URL('./src/storybook/index.tsx', import.meta.url)),
  'intentful/devtools': fileURLToPath(new URL('./src/devtools/index.tsx', import.meta.url)),
  'intentful/sinks/ga4': fileURLToPath(new URL('./src/sinks/ga4.ts', import.meta.url)),
  'intentful/sinks/segment': fileURLToPath(new URL('./src/sinks/segment.ts', import.meta.url)),
  'intentful/sinks/posthog': fileURLToPath(new URL('./src/sinks/posthog.ts', import.meta.url)),
  'intentful/recorder': fileURLToPath(new URL('./src/recorder/index.ts', import.meta.url)),
  'intentful/profile': fileURLToPath(new URL('./src/profile/index.ts', import.meta.url)),
  intentful: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser/**', 'node_modules/**'],
          setupFiles: ['test/setup.ts'],
          typecheck: {
            enabled: true,
            include: ['test/types/**/*.test-d.{ts,tsx}'],
            tsconfig: './test/types/tsconfig.json',
          },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
