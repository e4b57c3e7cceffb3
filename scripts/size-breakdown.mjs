#!/usr/bin/env node
// Bytes each source file contributes to one import shape, bundled from `src/` the way
// scripts/size.mjs bundles `dist/`.
// Usage: node scripts/size-breakdown.mjs "export { IntentProvider } from './src/index.ts';"
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleShape } from './bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const code = process.argv[2] ?? `export * from './src/index.ts';`;
const { min, gzip, inputs } = await bundleShape(code, root, 'ts');
const rows = Object.entries(inputs)
  .filter(([, v]) => v.bytesInOutput > 0)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
for (const [file, v] of rows) console.log(`${String(v.bytesInOutput).padStart(7)}  ${file}`);
console.log(`${min} B min, ${gzip} B gzip`);
