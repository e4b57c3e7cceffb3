#!/usr/bin/env node
// Builds and packs the library, installs the tarball into each app under examples/ the way a
// user gets it, builds the app with its own tools, serves it on a free localhost port and drives
// it in chromium (playwright-core + the system chromium; nothing is downloaded).
//
// Usage: node scripts/examples.mjs [--skip-build] [next|vite|plain ...]
//   --skip-build  pack the existing dist instead of running `npm run build` first
// Prints one line per check and `examples: N passed, N failed`; exits 1 on any failure.
// CHROMIUM=/path overrides /usr/bin/chromium; logs of every command go to a temp folder.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const only = args.filter((arg) => !arg.startsWith('--'));

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SLOT = '[data-intent-slot="pdp-side"]';
const WHY = '[data-intent-why="pdp-side"]';
const MARKED = '[data-intent-target^="delivery-"]';
const FALLBACK = { variant: 'standard', text: 'Free returns within 30 days.' };
const ADAPTED = { variant: 'delivery-reassurance', text: 'Order by 4 pm, at your door tomorrow.' };
const EVIDENCE_LABEL = 'opened delivery details';

/** How each example is served once built; `ssr` apps are also checked over plain HTTP. */
const examples = [
  { name: 'next', ssr: true, serve: (port) => ['next', ['start', '-p', port, '-H', '127.0.0.1']] },
  {
    name: 'vite',
    ssr: false,
    serve: (port) => ['vite', ['preview', '--port', port, '--strictPort', '--host', '127.0.0.1']],
  },
  {
    name: 'plain',
    ssr: false,
    serve: (port) => ['vite', ['preview', '--port', port, '--strictPort', '--host', '127.0.0.1']],
  },
].filter((example) => only.length === 0 || only.includes(example.name));

const CHECKS = [
  'install',
  'build',
  'fallback first',
  'quiet hydration',
  'clicks adapt',
  'why this',
];

const logs = await mkdtemp(join(tmpdir(), 'intentful-examples-'));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1' };
let passed = 0;
let failed = 0;
const timings = [];
/** How many of its checks each example has reported, so a crash can fail the rest. */
const reported = new Map();

function report(example, check, ok, detail) {
  if (ok) passed++;
  else failed++;
  reported.set(example, (reported.get(example) ?? 0) + 1);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${example.padEnd(5)} ${check.padEnd(15)} ${detail}`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command to completion with its output in a log file; never throws. */
function run(command, commandArgs, { cwd, log }) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const finish = async (code) => {
      const file = join(logs, `${log}.log`);
      await writeFile(file, output);
      done({ code, output, ms: Date.now() - started, file });
    };
    child.on('error', (error) => {
      output += String(error);
      finish(-1);
    });
    child.on('close', (code) => finish(code ?? -1));
  });
}

function tail(text, lines = 30) {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `       | ${line}`)
    .join('\n');
}

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(String(port)));
    });
  });
}

/** Starts a server in its own process group so it and its children stop together. */
function startServer(example, cwd) {
  return freePort().then((port) => {
    const [bin, binArgs] = example.serve(port);
    const child = spawn(join(cwd, 'node_modules', '.bin', bin), binArgs, {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    return {
      url: `http://127.0.0.1:${port}/`,
      output: () => output,
      exited: () => child.exitCode !== null,
      stop() {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
      },
    };
  });
}

async function waitForHttp(server, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`server exited:\n${tail(server.output())}`);
    try {
      const response = await fetch(server.url);
      if (response.ok) return;
    } catch {}
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`no answer from ${server.url} within ${timeoutMs / 1000} s`);
}

/** The opening tag of the slot in server HTML and the text inside it (the slot holds no divs). */
function slotInHtml(html) {
  const open = /<div\b[^>]*\bdata-intent-slot="pdp-side"[^>]*>/.exec(html);
  if (!open) return null;
  const rest = html.slice(open.index + open[0].length);
  const inner = rest.slice(0, rest.indexOf('</div>'));
  const variant = /\bdata-variant="([^"]*)"/.exec(open[0])?.[1] ?? null;
  const text = inner
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .trim();
  return { variant, text };
}

// Runs in the page before any script: remembers the slot as it first appears in the DOM, so
// "first render" means the parsed server HTML (Next) or the first client render (Vite, plain).
function recordFirstSlot() {
  const read = () => {
    const el = document.querySelector('[data-intent-slot="pdp-side"]');
    const variant = el?.getAttribute('data-variant');
    if (!el || !variant || window.__firstSlot) return;
    window.__firstSlot = { variant, text: el.textContent.trim() };
  };
  new MutationObserver(read).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  document.addEventListener('DOMContentLoaded', read);
}

async function drive(example, server, profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const problems = [];
  const take = () => problems.splice(0);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console.${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript(recordFirstSlot);

    // 1. The fallback before any signal: in the server HTML (fetched without a browser), then as
    //    the page first shows it and still after hydration.
    let first = '';
    const failures = [];
    if (example.ssr) {
      const html = await (await fetch(server.url)).text();
      const slot = slotInHtml(html);
      if (!slot) failures.push('server HTML has no data-intent-slot="pdp-side"');
      // A JSX slot's variants register in effects, which a server never runs: the server HTML
      // holds the fallback's content, and `data-variant` only when the slot names its fallback.
      else if (
        (slot.variant ?? FALLBACK.variant) !== FALLBACK.variant ||
        slot.text !== FALLBACK.text
      ) {
        failures.push(`server HTML slot is ${JSON.stringify(slot)}`);
      }
      if (!html.includes('data-server-top="null"')) {
        failures.push('server HTML lacks data-server-top="null" (createIntentful on the server)');
      }
      first = 'server HTML and ';
    }
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForSelector(`${SLOT}[data-variant]`, { timeout: 10_000 });
    // Hydration is done when React has claimed the server-rendered slot element.
    if (example.name !== 'plain') {
      await page.waitForFunction(
        (selector) => {
          const el = document.querySelector(selector);
          return !!el && Object.keys(el).some((key) => key.startsWith('__reactFiber$'));
        },
        SLOT,
        { timeout: 10_000 },
      );
    }
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(500);
    const firstSlot = await page.evaluate(() => window.__firstSlot ?? null);
    const settled = await page.$eval(SLOT, (el) => ({
      variant: el.getAttribute('data-variant'),
      text: el.textContent.trim(),
    }));
    for (const [when, slot] of [
      ['first render', firstSlot],
      ['after hydration', settled],
    ]) {
      if (!slot || slot.variant !== FALLBACK.variant || slot.text !== FALLBACK.text) {
        failures.push(`${when}: ${JSON.stringify(slot)}`);
      }
    }
    report(
      example.name,
      CHECKS[2],
      failures.length === 0,
      failures.length === 0
        ? `${first}first render: data-variant="${FALLBACK.variant}" "${FALLBACK.text}"`
        : failures.join('; '),
    );

    // 2. Nothing logged while the page loaded and hydrated. A production build reports a text or
    //    structure mismatch as a page error ("Minified React error #418"); React logs attribute
    //    mismatches only in development, so those are not seen here.
    const loadProblems = take();
    // Production React reports a mismatch as minified error 418 (or 423/425), dev React in words.
    const hydrationMismatch = loadProblems.some((text) =>
      /hydrat|react\.dev\/errors\/(418|423|425)\b/i.test(text),
    );
    report(
      example.name,
      CHECKS[3],
      loadProblems.length === 0,
      loadProblems.length === 0
        ? 'no console error or warning and no page error while loading'
        : `${hydrationMismatch ? 'HYDRATION MISMATCH: ' : ''}${loadProblems.join(' | ')}`,
    );

    // 3. The marked buttons are the evidence: clicking them switches the slot.
    const buttons = await page.$$(MARKED);
    for (const button of buttons) await button.click();
    let adapted = null;
    try {
      await page.waitForFunction(
        ({ selector, variant }) => document.querySelector(selector)?.dataset.variant === variant,
        { selector: SLOT, variant: ADAPTED.variant },
        { timeout: 5_000 },
      );
    } catch {}
    adapted = await page.$eval(SLOT, (el) => ({
      variant: el.getAttribute('data-variant'),
      text: el.textContent.trim(),
      policy: el.getAttribute('data-policy'),
    }));
    const clickProblems = take();
    const switched =
      adapted.variant === ADAPTED.variant && adapted.text === ADAPTED.text && buttons.length > 0;
    report(
      example.name,
      CHECKS[4],
      switched && clickProblems.length === 0,
      switched
        ? `${buttons.length} clicks -> data-variant="${adapted.variant}" (policy ${adapted.policy}) "${adapted.text}"${clickProblems.length ? `; but ${clickProblems.join(' | ')}` : ''}`
        : `after ${buttons.length} clicks the slot is ${JSON.stringify(adapted)}${clickProblems.length ? `; ${clickProblems.join(' | ')}` : ''}`,
    );

    // 4. "Why am I seeing this?" opens and names the evidence.
    let why = null;
    if (await page.$(`${WHY} summary`)) {
      await page.click(`${WHY} summary`);
      why = await page.$eval(WHY, (el) => ({
        open: el.open,
        reason: el.querySelector('p')?.textContent.trim() ?? '',
        evidence: [...el.querySelectorAll('li')].map((li) => li.textContent.trim()),
        text: el.innerText,
      }));
    }
    const whyProblems = take();
    const explained =
      !!why && why.open && why.reason.length > 0 && why.text.includes(EVIDENCE_LABEL);
    report(
      example.name,
      CHECKS[5],
      explained && whyProblems.length === 0,
      why
        ? `${why.open ? 'open' : 'closed'}, reason "${why.reason}", evidence ${JSON.stringify(why.evidence)}${explained ? '' : ` (expected "${EVIDENCE_LABEL}")`}${whyProblems.length ? `; ${whyProblems.join(' | ')}` : ''}`
        : `no ${WHY} with a <summary> on the page`,
    );
  } finally {
    await context.close();
  }
}

async function duMegabytes(path) {
  const result = await run('du', ['-sk', path], { cwd: root, log: 'du' });
  return Math.round(Number.parseInt(result.output, 10) / 1024);
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(`examples: no chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    process.exit(1);
  }
  console.log(`examples: logs in ${logs}`);
  if (!skipBuild) {
    const build = await run('npm', ['run', 'build'], { cwd: root, log: 'library-build' });
    timings.push(`library build ${seconds(build.ms)}`);
    if (build.code !== 0) {
      console.log(`FAIL library build (exit ${build.code}):\n${tail(build.output)}`);
      console.log(`examples: 0 passed, ${examples.length * CHECKS.length} failed`);
      process.exit(1);
    }
  }
  const pack = await run('npm', ['pack', '--json', '--pack-destination', logs], {
    cwd: root,
    log: 'pack',
  });
  let tarball;
  try {
    tarball = join(logs, JSON.parse(pack.output.slice(pack.output.indexOf('[')))[0].filename);
  } catch {
    console.log(`FAIL npm pack (exit ${pack.code}):\n${tail(pack.output)}`);
    console.log(`examples: 0 passed, ${examples.length * CHECKS.length} failed`);
    process.exit(1);
  }
  console.log(`examples: packed ${tarball}`);

  for (const example of examples) {
    const cwd = join(root, 'examples', example.name);
    const skipRest = (why) => {
      for (const check of CHECKS.slice(reported.get(example.name) ?? 0)) {
        report(example.name, check, false, `not run: ${why}`);
      }
    };

    // Install: exactly the committed lock, then the packed library on top (not saved, so the
    // lock stays valid for the next tarball).
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd,
      log: `${example.name}-npm-ci`,
    });
    const add =
      ci.code === 0
        ? await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], {
            cwd,
            log: `${example.name}-install-tarball`,
          })
        : null;
    const installed = ci.code === 0 && add?.code === 0;
    report(
      example.name,
      CHECKS[0],
      installed,
      installed
        ? `npm ci ${seconds(ci.ms)}, tarball ${seconds(add.ms)}`
        : `${ci.code !== 0 ? 'npm ci' : 'npm install <tarball>'} failed:\n${tail((add ?? ci).output)}`,
    );
    if (!installed) {
      skipRest('install failed');
      continue;
    }

    const build = await run('npm', ['run', 'build'], { cwd, log: `${example.name}-build` });
    report(
      example.name,
      CHECKS[1],
      build.code === 0,
      build.code === 0
        ? `npm run build ${seconds(build.ms)}`
        : `npm run build exited ${build.code}:\n${tail(build.output)}`,
    );
    const size = await duMegabytes(join(cwd, 'node_modules'));
    timings.push(
      `${example.name}: npm ci ${seconds(ci.ms)}, tarball ${seconds(add.ms)}, build ${seconds(build.ms)}, node_modules ${size} MB`,
    );
    if (build.code !== 0) {
      skipRest('build failed');
      continue;
    }

    const server = await startServer(example, cwd);
    const profile = await mkdtemp(join(tmpdir(), 'intentful-chromium-'));
    try {
      await waitForHttp(server);
      await drive(example, server, profile);
    } catch (error) {
      skipRest(String(error?.message ?? error));
    } finally {
      server.stop();
      await writeFile(join(logs, `${example.name}-server.log`), server.output());
      await rm(profile, { recursive: true, force: true });
    }
  }

  for (const line of timings) console.log(`time ${line}`);
  const summary = `examples: ${passed} passed, ${failed} failed`;
  console.log(summary);
  await writeFile(join(logs, 'summary.txt'), `${summary}\n`);
  process.exit(failed > 0 ? 1 : 0);
}

await main().catch((error) => {
  console.error(error);
  const expected = examples.length * CHECKS.length;
  console.log(`examples: ${passed} passed, ${Math.max(1, expected - passed)} failed`);
  process.exit(1);
});
