#!/usr/bin/env node
// Size budgets, measured on the built package the way an app ships it: a small app file that
// imports from 'intentful' (resolved by esbuild through package.json `exports` to dist/, as
// from node_modules), bundled minified with production `process.env.NODE_ENV`, react,
// react-dom and zustand left to the app. The app files use what they import, so nothing an app
// would keep is tree-shaken away.
// Usage: npm run build && node scripts/size.mjs   (exits 1 when a shape is over its ceiling)
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleShape } from './bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const MODEL = `const model = defineModel({
  intents: {
    'shipping-concern': {
      label: 'worried about delivery',
      evidence: [
        { id: 'delivery-open', label: 'opened the delivery details', when: { type: 'click', target: 'delivery-*' }, weight: 1.5 },
      ],
    },
  },
  steps: [{ id: 'delivery-promise', intent: 'shipping-concern', minConfidence: 0.6 }],
});`;

const SLOT = `<AdaptiveSlot id="pdp-side">
        <Variant id="standard" fallback>Free returns within 30 days.</Variant>
        <Variant id="delivery-reassurance" intents={['shipping-concern']}>Order by 4 pm, at your door tomorrow.</Variant>
      </AdaptiveSlot>`;

const WORRIED = `function DeliveryNote() {
  const worried = useIntent('shipping-concern', (b) => b.confidence > 0.6);
  return worried ? <p>Tracked delivery, free over 50 €.</p> : null;
}`;

/**
 * The app files measured; `limit` is the ceiling in gzip bytes: today's figure plus about 1 %, so
 * growth is a decision. The README shape carries the collectors' compact sanitizer, not the
 * structural redactor: `redaction()` (check digits, vendor key shapes, many locales) adds about
 * 4.5 KB gzip to it and is left out unless the app imports it.
 */
export const apps = [
  {
    name: 'minimal',
    what: 'defineModel + createIntentful + IntentProvider + AdaptiveSlot (2 Variants) + useIntent',
    limit: 14630,
    code: `// @jsxRuntime automatic
import { AdaptiveSlot, createIntentful, defineModel, IntentProvider, useIntent, Variant } from 'intentful';

${MODEL}

const client = createIntentful({ model });

${WORRIED}

export function App() {
  return (
    <IntentProvider client={client}>
      ${SLOT}
      <DeliveryNote />
    </IntentProvider>
  );
}
`,
  },
  {
    name: 'README',
    what: 'minimal + collectors() + persistence() + useNextStep + WhyThis (the README quick start)',
    limit: 27250,
    code: `// @jsxRuntime automatic
import {
  AdaptiveSlot,
  collectors,
  createIntentful,
  defineModel,
  IntentProvider,
  persistence,
  useIntent,
  useNextStep,
  Variant,
  WhyThis,
} from 'intentful';

${MODEL}

const client = createIntentful({ model, plugins: [collectors(), persistence()], consent: 'pending' });

${WORRIED}

function DeliveryPromise() {
  const step = useNextStep();
  if (step?.id !== 'delivery-promise') return null;
  return (
    <aside>
      {step.label}{' '}
      <button type="button" onClick={step.dismiss}>Hide</button>
    </aside>
  );
}

export function App() {
  return (
    <IntentProvider client={client}>
      <button type="button" data-intent-target="delivery-dates">Delivery dates</button>
      ${SLOT}
      <WhyThis slot="pdp-side" />
      <DeliveryPromise />
      <DeliveryNote />
    </IntentProvider>
  );
}
`,
  },
  // Optional entries, measured alone: what adding one costs an app that already has the client
  // (the types they import from the core add no bytes).
  {
    name: 'ga4 sink',
    what: "ga4Sink() from 'intentful/sinks/ga4'",
    limit: 815,
    code: `import { ga4Sink } from 'intentful/sinks/ga4';
export const sink = ga4Sink();
`,
  },
  {
    name: 'segment sink',
    what: "segmentSink() from 'intentful/sinks/segment'",
    limit: 780,
    code: `import { segmentSink } from 'intentful/sinks/segment';
export const sink = segmentSink();
`,
  },
  {
    name: 'posthog sink',
    what: "posthogSink() from 'intentful/sinks/posthog'",
    limit: 745,
    code: `import { posthogSink } from 'intentful/sinks/posthog';
export const sink = posthogSink();
`,
  },
  {
    name: 'recorder',
    what: "recorder() from 'intentful/recorder'",
    limit: 2595,
    code: `import { recorder } from 'intentful/recorder';
export const rec = recorder({ outcomes: ['purchase'] });
`,
  },
  {
    name: 'profile',
    what: 'minimal + <IntentProfile> + <IntentQuestion> from intentful/profile (what the end-user profile adds)',
    limit: 18400,
    code: `// @jsxRuntime automatic
import { AdaptiveSlot, createIntentful, defineModel, IntentProvider, useIntent, Variant } from 'intentful';
import { IntentProfile, IntentQuestion } from 'intentful/profile';

${MODEL}

const client = createIntentful({ model });

${WORRIED}

export function App() {
  return (
    <IntentProvider client={client}>
      <IntentQuestion choices={['shipping-concern']} />
      ${SLOT}
      <DeliveryNote />
      <IntentProfile />
    </IntentProvider>
  );
}
`,
  },
];

/**
 * The shapes the previous landing measured (export statements, no defineModel), with the
 * policies now in 'intentful/policies', next to its figures. Reported, not enforced: the
 * provider no longer builds the engine, so the export-only minimal leaves out createIntentful
 * and the engine and hub with it, which no app can do; the app files above are the honest measure.
 */
const previous = [
  {
    name: 'minimal, previous method',
    code: `export { IntentProvider, useIntent, useNextStep, AdaptiveSlot, Variant } from 'intentful';
export { intentMatch } from 'intentful/policies';`,
    before: 11280,
  },
  {
    name: 'full, previous method',
    code: `export * from 'intentful';
export * from 'intentful/policies';`,
    before: 24020,
  },
];

/** The newest file under `dir`, by modification time. */
function newest(dir) {
  let best = { file: '', at: 0 };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    const found = e.isDirectory() ? newest(path) : { file: path, at: statSync(path).mtimeMs };
    if (found.at > best.at) best = found;
  }
  return best;
}

/**
 * A directory outside the repository where `intentful` is an installed package (a symlink to the
 * root): esbuild then resolves it through `exports` to dist/, and no tsconfig `paths` apply.
 */
function appDir() {
  const dir = mkdtempSync(join(tmpdir(), 'intentful-size-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'intentful'), 'dir');
  return dir;
}

/** Bundles one app file; fails if anything of the library came from outside dist/. */
export async function measure(code, dir) {
  const { min, gzip, inputs, text } = await bundleShape(code, dir, 'jsx');
  const dist = resolve(root, 'dist') + sep;
  const stray = Object.keys(inputs).filter(
    (f) => f !== '<stdin>' && !resolve(process.cwd(), f).startsWith(dist),
  );
  if (stray.length > 0) throw new Error(`size: bundled from outside dist/: ${stray.join(', ')}`);
  // A production app must not carry the development texts: they cost bytes, and they went
  // unnoticed once when the package's DEV constant reached the app as a variable.
  const dev = DEV_TEXTS.filter((t) => text.includes(t));
  if (dev.length > 0)
    throw new Error(`size: development-only text in a production bundle: ${dev.join(' | ')}`);
  return { min, gzip };
}

// Texts every shape would carry if its development branches survived (DEV, NODE_ENV checks).
const DEV_TEXTS = ['choose another slot id', 'process.env', 'returned a non-finite weight'];

const fmt = (n) => n.toLocaleString('en');

async function main() {
  if (!existsSync(resolve(root, 'dist/index.js'))) {
    console.error('size: dist/index.js is missing; run `npm run build` first');
    return 1;
  }
  const src = newest(resolve(root, 'src'));
  if (src.at > statSync(resolve(root, 'dist/index.js')).mtimeMs)
    console.error(
      `size: warning: ${relative(root, src.file)} is newer than dist/; run \`npm run build\` to measure the current sources`,
    );
  const dir = appDir();
  let failed = false;
  try {
    console.log('app files importing from the built package (gzip level 9):');
    for (const app of apps) {
      const { min, gzip } = await measure(app.code, dir);
      const ok = gzip <= app.limit;
      failed ||= !ok;
      console.log(
        `${ok ? 'ok  ' : 'OVER'} ${app.name} (${app.what}): ${fmt(gzip)} B gzip (${fmt(min)} B min), ceiling ${fmt(app.limit)} B`,
      );
    }
    console.log(
      "\nthe previous landing's shapes (export statements, no defineModel/createIntentful), for comparison only:",
    );
    for (const shape of previous) {
      const { min, gzip } = await measure(shape.code, dir);
      const d = gzip - shape.before;
      console.log(
        `     ${shape.name}: ${fmt(gzip)} B gzip (${fmt(min)} B min), previous landing ${fmt(shape.before)} B (${d >= 0 ? '+' : ''}${fmt(d)} B)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(await main());
