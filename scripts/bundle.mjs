// One import shape bundled the way an app bundler ships it: minified, production, with react,
// react-dom and zustand left to the app. Shared by the size budget and its per-file breakdown.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Bundles `code` (an export statement) resolved from `resolveDir`. */
export async function bundleShape(code, resolveDir, loader = 'js') {
  const result = await build({
    stdin: { contents: code, resolveDir, loader },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    text: result.outputFiles[0].text,
    inputs: Object.values(result.metafile.outputs)[0].inputs,
  };
}
