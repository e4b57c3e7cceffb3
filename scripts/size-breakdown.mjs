#!/usr/bin/env node
// Bytes each source file contributes to one import shape, bundled from `src/` the way
// scripts/size.mjs bundles `dist/` (minified, production, react/react-dom/zustand external).
// Usage: node scripts/size-breakdown.mjs "export { IntentProvider } from './src/index.ts';"
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const code = process.argv[2] ?? `export * from './src/index.ts';`;
const result = await build({
  stdin: { contents: code, resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  write: false,
  metafile: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  logLevel: 'error',
});
const output = Object.values(result.metafile.outputs)[0];
const rows = Object.entries(output.inputs)
  .filter(([, v]) => v.bytesInOutput > 0)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
for (const [file, v] of rows) console.log(`${String(v.bytesInOutput).padStart(7)}  ${file}`);
const bytes = result.outputFiles[0].contents;
console.log(`${bytes.length} B min, ${gzipSync(bytes, { level: 9 }).length} B gzip`);
