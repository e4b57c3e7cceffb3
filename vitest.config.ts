import { defineConfig } from 'vitest/config';
import { alias } from './test/aliases';

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
