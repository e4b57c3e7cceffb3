#!/usr/bin/env node
// Size budgets per import shape, measured on the built `dist` the way an app bundler sees it:
// minified, production, with react, react-dom and zustand left to the app.
// Usage: npm run build && node scripts/size.mjs   (exits 1 when a shape is over budget)
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, 'dist/index.js');

const shapes = [
  {
    name: 'minimal (IntentProvider, useIntent, useNextStep, AdaptiveSlot + intentMatch)',
    code: `export { IntentProvider, useIntent, useNextStep, AdaptiveSlot, Variant, intentMatch } from ${JSON.stringify(entry)};`,
    budget: 4300,
  },
  {
    name: 'full (everything in the main entry)',
    code: `export * from ${JSON.stringify(entry)};`,
    budget: 8000,
  },
];

if (!existsSync(entry)) {
  console.error('size: dist/index.js is missing; run `npm run build` first');
  process.exit(1);
}

let failed = false;
for (const shape of shapes) {
  const result = await build({
    stdin: { contents: shape.code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  const gz = gzipSync(bytes, { level: 9 }).length;
  const ok = gz <= shape.budget;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${shape.name}: ${gz.toLocaleString('en')} B gzip (${bytes.length.toLocaleString('en')} B min), budget ${shape.budget.toLocaleString('en')} B`,
  );
}
process.exit(failed ? 1 : 0);
