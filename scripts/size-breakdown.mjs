#!/usr/bin/env node
// Bytes each source file contributes to one shape, bundled from `src/` (so the rows name source
// files) the way scripts/size.mjs bundles the built package. The shape is one of size.mjs's app
// files by name, or any code importing from 'intentful'.
// Usage: node scripts/size-breakdown.mjs minimal
//        node scripts/size-breakdown.mjs README
//        node scripts/size-breakdown.mjs "export { IntentProvider } from 'intentful';"
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleShape } from './bundle.mjs';
import { apps } from './size.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv[2] ?? `export * from 'intentful';`;
const app = apps.find((a) => a.name.toLowerCase() === arg.toLowerCase());
// 'intentful' and 'intentful/<entry>' point at their sources, as tsconfig `paths` do.
const entries = {
  '': 'src/index.ts',
  '/core': 'src/core/index.ts',
  '/policies': 'src/policies.ts',
};
const code = (app?.code ?? arg).replace(
  /(['"])intentful(\/core|\/policies)?\1/g,
  (_, _q, sub = '') => JSON.stringify(resolve(root, entries[sub])),
);
const { min, gzip, inputs } = await bundleShape(code, root, 'tsx');
const rows = Object.entries(inputs)
  .filter(([, v]) => v.bytesInOutput > 0)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
for (const [file, v] of rows) console.log(`${String(v.bytesInOutput).padStart(7)}  ${file}`);
console.log(`${min} B min, ${gzip} B gzip${app ? ` (${app.name}, from src)` : ''}`);
