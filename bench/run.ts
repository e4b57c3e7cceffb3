/**
 * Runs one bench script bundled (as an app would ship it): npx tsx bench/run.ts peers/decide.ts
 * `--dev` bundles the development build; `--dist` takes intentful from the built package
 * (`npm run build` first) instead of `src/`; other arguments after the script are node flags.
 */
import { execFileSync } from 'node:child_process';
import { bundleScript, rootDir } from './lib';

const args = process.argv.slice(2);
const production = !args.includes('--dev');
const from = args.includes('--dist') ? 'dist' : 'src';
const [script, ...rest] = args.filter((a) => a !== '--dev' && a !== '--dist');
if (!script) {
  console.error('usage: npx tsx bench/run.ts <script under bench/> [node flags...]');
  process.exit(2);
}
const file = await bundleScript(script, production, from);
execFileSync(process.execPath, [...rest, file], {
  cwd: rootDir,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: production ? 'production' : 'development' },
});
