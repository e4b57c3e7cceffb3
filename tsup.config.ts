import { readFile, rm, writeFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['plugins']>[number];

const outDir = 'dist';
const formats = ['esm', 'cjs'] as const;

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    core: 'src/core/index.ts',
    policies: 'src/policies.ts',
    // Not in the package's exports: an entry of its own so the React binding gets its own
    // chunks, which are then marked 'use client' as a whole.
    react: 'src/react/index.ts',
    // Node-only; keeps the shebang of its source, and no browser entry imports it.
    cli: 'src/cli/intentful.ts',
    motion: 'src/motion/index.tsx',
    devtools: 'src/devtools/index.tsx',
    storybook: 'src/storybook/index.tsx',
    // Analytics adapters and the session recorder: framework-free, each on its own path.
    'sinks/ga4': 'src/sinks/ga4.ts',
    'sinks/segment': 'src/sinks/segment.ts',
    'sinks/posthog': 'src/sinks/posthog.ts',
    recorder: 'src/recorder/index.ts',
    profile: 'src/profile/index.ts',
  },
  outDir,
  format: [...formats],
  dts: true,
  clean: true,
  treeshake: true,
  splitting: true,
  sourcemap: false,
  // Written to dist/metafile-{format}.json; read (and removed) by markClientOutputs below.
  metafile: true,
  // ES2022 keeps class fields native; lowering them adds WeakMap helpers to every app's bundle.
  target: 'es2022',
  external: ['react', 'react-dom', 'zustand', 'framer-motion'],
  // esbuild keeps a directive only at the top of an entry's output, and the tree-shaking pass
  // then drops it with a warning; markClientOutputs decides every output's directive instead.
  plugins: [dropOutputDirectives(), keepConstants()],
  async onSuccess() {
    await markClientOutputs();
  },
});

function dropOutputDirectives(): Plugin {
  return {
    name: 'drop-output-directives',
    renderChunk(code) {
      const stripped = code.replace(directiveStatement, '');
      return stripped === code ? undefined : { code: stripped };
    },
  };
}

// esbuild writes every top-level `const` of a bundle as `var`, and an app's bundler inlines only
// constants: `DEV` would stay a variable there, so every `DEV ? devText : text` kept its
// development text in production bundles, and the signal limits stayed variables. Top-level vars
// given a literal (or DEV's own expression) and never assigned again are written back as const.
function keepConstants(): Plugin {
  return {
    name: 'keep-constants',
    renderChunk(code) {
      const kept = code.replace(constantVar, (declaration, name: string) =>
        reassigned(code, name) ? declaration : `const${declaration.slice(3)}`,
      );
      return kept === code ? undefined : { code: kept };
    },
  };
}

const constantVar =
  /^var ([\w$]+) = (?:-?[\d.e]+|"[^"\\\n]*"|true|false|typeof process === "undefined" \? false : process\.env\.NODE_ENV !== "production");$/gm;

/** Whether `name` is assigned anywhere but its declaration (erring towards yes). */
function reassigned(code: string, name: string): boolean {
  const id = name.replace(/\$/g, '\\$');
  const writes = new RegExp(
    `(?:\\+\\+|--)\\s*${id}(?![\\w$])|(?<![\\w$.])${id}\\s*(?:\\+\\+|--|[-+*/%&|^<>?]*=(?!=))`,
    'g',
  );
  return [...code.matchAll(writes)].length > 1;
}

interface Metafile {
  outputs: Record<
    string,
    {
      entryPoint?: string;
      inputs: Record<string, { bytesInOutput: number }>;
      imports: { path: string; external?: boolean }[];
    }
  >;
}

// Bundling drops module directives, so the server/client boundary of the sources has to be
// written back onto the output. An output file is a client module when every source that put
// code into it starts with 'use client'; one that holds code from both kinds of source would
// make server-safe code (defineModel, createIntentful, the policies) a client reference in
// Server Components, or ship client code without its directive, so it fails the build instead.
// The framework-free entries must reach neither a client output nor React.
async function markClientOutputs(): Promise<void> {
  const isClient = sourceDirectiveReader();
  const problems: string[] = [];
  const marked: string[] = [];
  for (const format of formats) {
    const metafilePath = `${outDir}/metafile-${format}.json`;
    const meta = JSON.parse(await readFile(metafilePath, 'utf8')) as Metafile;
    await rm(metafilePath);
    for (const [output, { entryPoint, inputs }] of Object.entries(meta.outputs)) {
      if (!/\.(c|m)?js$/.test(output)) continue;
      // A source that only re-exports or declares types puts no bytes into the output; when no
      // source does (an entry that only re-exports chunks), the entry's own source decides.
      const withCode = Object.keys(inputs).filter((path) => (inputs[path]?.bytesInOutput ?? 0) > 0);
      const counted = withCode.length > 0 ? withCode : entryPoint ? [entryPoint] : [];
      if (counted.length === 0) continue;
      const client: string[] = [];
      const server: string[] = [];
      for (const path of counted) ((await isClient(path)) ? client : server).push(path);
      if (client.length > 0 && server.length > 0) {
        problems.push(mixMessage(output, client, server));
      } else if (client.length > 0) {
        await prependDirective(output);
        marked.push(output);
      }
    }
    for (const entry of serverEntries) {
      const leak = reachesClient(
        meta,
        `${outDir}/${entry}${format === 'esm' ? '.js' : '.cjs'}`,
        marked,
      );
      if (leak) problems.push(`  ${entry} (${format}) is server-safe but reaches ${leak}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `'use client' boundary: ${problems.length} problem(s). An output file that mixes code ` +
        `from 'use client' sources with server-safe sources cannot be marked correctly, and ` +
        `${serverEntries.join(', ')} must not reach client code or React.\n\n` +
        `${problems.join('\n\n')}\n\n` +
        `esbuild puts modules reached by the same set of entries into one chunk. Either add ` +
        `'use client' to a listed server-safe source that only the client uses, or make sure a ` +
        `server-safe module is also reached from a server-safe entry (src/core/index.ts, ` +
        `src/policies.ts), or move client code out of it.`,
    );
  }
  console.log(`'use client' added to ${marked.length} output file(s): ${marked.sort().join(', ')}`);
}

// Entries that Server Components and non-React pages import: no client output, no React.
const serverEntries = [
  'core',
  'policies',
  'sinks/ga4',
  'sinks/segment',
  'sinks/posthog',
  'recorder',
];
const reactPackages = /^(react|react-dom|framer-motion)(\/|$)/;

function reachesClient(meta: Metafile, entry: string, clientOutputs: string[]): string | undefined {
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (clientOutputs.includes(file)) return `${file}, a 'use client' output`;
    for (const { path, external } of meta.outputs[file]?.imports ?? []) {
      if (!external) queue.push(path);
      else if (reactPackages.test(path)) return `'${path}' (imported by ${file})`;
    }
  }
  return undefined;
}

function mixMessage(output: string, client: string[], server: string[]): string {
  const list = (paths: string[]): string => paths.map((path) => `    ${path}`).join('\n');
  return `  ${output}\n   'use client' sources:\n${list(client)}\n   server-safe sources:\n${list(server)}`;
}

const directive = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1/;
const directiveStatement = /^(['"])use client\1;?\n?/;

function sourceDirectiveReader(): (path: string) => Promise<boolean> {
  const cache = new Map<string, Promise<boolean>>();
  return (path) => {
    let result = cache.get(path);
    if (!result) {
      // Inputs that are not files (esbuild's virtual modules) count as server-safe.
      result = readFile(path, 'utf8').then(
        (code) => directive.test(code),
        () => false,
      );
      cache.set(path, result);
    }
    return result;
  };
}

async function prependDirective(file: string): Promise<void> {
  const code = await readFile(file, 'utf8');
  if (directive.test(code)) return;
  const shebang = /^#![^\n]*\n/.exec(code)?.[0] ?? '';
  await writeFile(file, `${shebang}'use client';\n${code.slice(shebang.length)}`);
}
