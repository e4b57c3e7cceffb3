/**
 * Runs one bench script bundled as an app ships it (esbuild, minified, production, intentful
 * from `dist/`, peers from their published builds): npx tsx bench/run.ts peers/decide.ts
 * `--dev` bundles the development build instead; other arguments after the script are node flags.
 * `npm run build` first: every intentful figure comes from the built package.
 */
import { execFileSync } from 'node:child_process';
import { bundleScript, rootDir } from './lib';

const args = process.argv.slice(2);
const production = !args.includes('--dev');
// --keep-names: minified but with function names, for stacks and profiles.
const keepNames = args.includes('--keep-names');
const [script, ...rest] = args.filter((a) => a !== '--dev' && a !== '--keep-names');
if (!script) {
  console.error(
    'usage: npx tsx bench/run.ts [--dev] [--keep-names] <script under bench/> [node flags...]',
  );
  process.exit(2);
}
const file = await bundleScript(script, production, { keepNames });
execFileSync(process.execPath, [...rest, file], {
  cwd: rootDir,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: production ? 'production' : 'development' },
});
