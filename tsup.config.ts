import { readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// Entries that need React in the browser. Bundling drops module directives, so they are
// written back after the build; the engine chunks stay importable from Server Components.
const clientEntries = ['index', 'motion', 'devtools', 'storybook'];

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    core: 'src/core/index.ts',
    // Node-only; keeps the shebang of its source, and no browser entry imports it.
    cli: 'src/cli/intentful.ts',
    motion: 'src/motion/index.tsx',
    devtools: 'src/devtools/index.tsx',
    storybook: 'src/storybook/index.tsx',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  treeshake: true,
  splitting: true,
  sourcemap: false,
  // ES2022 keeps class fields native; lowering them adds WeakMap helpers to every app's bundle.
  target: 'es2022',
  external: ['react', 'react-dom', 'zustand', 'framer-motion'],
  async onSuccess() {
    for (const name of clientEntries) {
      for (const ext of ['js', 'cjs']) {
        const file = `dist/${name}.${ext}`;
        const code = await readFile(file, 'utf8');
        if (!code.startsWith("'use client'")) await writeFile(file, `'use client';\n${code}`);
      }
    }
  },
});
