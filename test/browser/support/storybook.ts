import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface StorybookBuild {
  readonly dir: string;
  /** Removes the build if this call made it; a build passed in by `STORYBOOK_STATIC` stays. */
  dispose(): Promise<void>;
}

/**
 * A static Storybook build, the real thing a designer opens. CI builds Storybook once and
 * passes it in as `STORYBOOK_STATIC` (a directory with `index.json`); otherwise each test file
 * builds its own into a temporary directory, so a local run never tests a stale build.
 */
export async function storybookBuild(): Promise<StorybookBuild> {
  const given = process.env.STORYBOOK_STATIC;
  if (given) {
    const dir = resolve(root, given);
    await access(join(dir, 'index.json'));
    return { dir, dispose: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'intentful-storybook-'));
  await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '-o', dir, '--quiet'],
    {
      cwd: root,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
