/** Runs one bench script bundled (as an app would ship it): npx tsx bench/run.ts peers/decide.ts */
import { execFileSync } from 'node:child_process';
import { bundleScript, rootDir } from './lib';

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error('usage: npx tsx bench/run.ts <script under bench/> [node flags...]');
  process.exit(2);
}
const file = await bundleScript(script);
execFileSync(process.execPath, [...rest, file], {
  cwd: rootDir,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
