import { build } from 'esbuild';
import { alias } from '../../aliases';
import { type StaticServer, serve } from './chromium';

/**
 * Bundles a browser entry (TSX) with React and the library from `src`, in memory, as one ES
 * module. `intentful` resolves to the sources, as in the unit tests.
 */
export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    // NO_MINIFY=1 keeps names readable in CPU profiles.
    minify: !process.env.NO_MINIFY,
    sourcemap: false,
    logLevel: 'silent',
    alias,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced nothing for ${entry}`);
  return out.text;
}

/** A minimal page that loads one module bundle. */
export function htmlPage(script = '/app.js', title = 'intentful fixture'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<style>body{margin:0;font:16px system-ui}</style></head>
<body><div id="root"></div><script type="module" src="${script}"></script></body></html>`;
}

/** Bundles a fixture app and serves it on 127.0.0.1 behind `htmlPage()`, for client-side routes too. */
export async function serveFixture(entry: string): Promise<StaticServer> {
  const app = await bundle(entry);
  return serve({ files: { '/app.js': app, '/index.html': htmlPage() }, fallback: '/index.html' });
}
