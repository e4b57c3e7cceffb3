import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium; set `CHROMIUM_PATH` to use another binary. Never downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that work as root, offline and in containers. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface Chromium {
  readonly context: BrowserContext;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/** Launches chromium with a fresh, throw-away profile (`--user-data-dir`). */
export async function launchChromium(
  options: { viewport?: { width: number; height: number }; args?: readonly string[] } = {},
): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'intentful-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  readonly origin: string;
  /** Requests received, in order, as `METHOD /path`. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves files on 127.0.0.1 at a random port: a directory (a Storybook build, a bundle) and/or
 * in-memory files. Unknown paths fall back to `fallback` (single-page apps) or 404. Every
 * request is recorded, so tests can assert what left the page.
 */
export async function serve(options: {
  dir?: string;
  files?: Readonly<Record<string, string | Buffer>>;
  fallback?: string;
}): Promise<StaticServer> {
  const root = options.dir ? resolve(options.dir) : null;
  const requests: string[] = [];
  const lookup = async (path: string): Promise<{ body: Buffer | string; type: string } | null> => {
    const inline = options.files?.[path];
    if (inline !== undefined) return { body: inline, type: TYPES[extname(path)] ?? 'text/plain' };
    if (!root) return null;
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) return null;
    try {
      if (!(await stat(file)).isFile()) return null;
      return {
        body: await readFile(file),
        type: TYPES[extname(file)] ?? 'application/octet-stream',
      };
    } catch {
      return null;
    }
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(`${req.method} ${path}`);
    void (async () => {
      const found =
        (await lookup(path)) ?? (options.fallback ? await lookup(options.fallback) : null);
      if (!found) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' });
      res.end(found.body);
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
