// Bundles the three entry points into dist/ with esbuild.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose internal require()s esbuild cannot follow; bundle its ESM build.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

/**
 * Node built-ins that vscode-languageserver and vscode-jsonrpc require at load time but use only inside
 * functions the server never or rarely calls (child_process to resolve global modules, crypto for pipe names
 * and request ids). Loading them costs ~15 ms before `initialize` can be answered; the server gets a stand-in
 * that loads the real module on first use.
 */
function lazyBuiltins(names) {
  const filter = new RegExp(`^(${names.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) => (args.importer.includes('node_modules') ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents:
          `let real; const load = () => real ??= require('node:${args.path}');\n` +
          `module.exports = new Proxy({}, {\n` +
          `  get: (_, k) => load()[k],\n` +
          `  has: (_, k) => k in load(),\n` +
          `  ownKeys: () => Reflect.ownKeys(load()),\n` +
          `  getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(load(), k); if (d) d.configurable = true; return d; },\n` +
          `});\n`,
        loader: 'js',
      }));
    },
  };
}

/** The language server, minified but for its names (less to scan before `initialize`; profiles keep function names). */
function serverBuild() {
  return { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minifyWhitespace: true, minifySyntax: true, plugins: [lazyBuiltins(['child_process', 'crypto'])] };
}

/** gongwen-lint, minified the same way (a 1 MB check starts by compiling the whole core). */
function cliBuild() {
  return { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', minifyWhitespace: true, minifySyntax: true };
}

/**
 * V8 flags for gongwen-lint's run (server/boot.cjs), and their defaults in Node 20's V8 (a wrong default shows as
 * a code cache rewritten at every run: test/protocol/cli.test.ts). A one-shot process that checks one document
 * and exits wants less of what pays off in a long-lived one:
 * - semi-space-growth-factor 1, not 2: V8 grows its young generation by this factor when most of it survives a
 *   collection, as in the command line, which keeps nearly all it makes (the model, the findings) until it exits.
 *   Never grown, the young generation stays at its first 1 MB semi-spaces: more collections (1 MB document: ~46,
 *   one of them full, ~50 ms of pauses, against 4 and ~20 ms when grown by 16), but the same few pages are used
 *   over and over, where a young generation grown to 16 MB semi-spaces touches ~32 MB of fresh memory, and a
 *   first touch of a page costs a page fault (a few µs; bench/RESULTS.md gives the bench machine's figure):
 *   ~4,900 fewer faults (12,100 against 17,000) and a peak of 84 MB against 104. Against 16 (chosen earlier by
 *   callgrind, which counts instructions, not faults or cache misses), four sets of 41–61 alternating runs at 1 MB: main-thread CPU 8–20 ms lower in
 *   each, wall time (paired median) 8–12 ms lower in three and 2 ms higher in one; at 10 MB the same time and a
 *   peak ~20–40 MB lower. V8's default, 2, came out in between (main-thread CPU 282 ms against 285 for 16 and 269
 *   for 1, in one of those sets), with a full collection of ~11 ms.
 * - interrupt-budget 4× the default: how much bytecode a function runs between V8's looks at whether to optimise
 *   it. With the default, V8 optimises (TurboFan, on other threads) many functions that a single check runs only
 *   briefly: about a third of all instructions at 1 MB went to TurboFan (callgrind --single-threaded: 846M of
 *   2,197M, on-stack replacement included), and on a two-core machine those threads took the main thread's core
 *   away. 1 MB document, round-robin runs against the default: wall-time medians 30–70 ms lower in four sets of
 *   15–21 runs, the main thread's own CPU time unchanged. A run of 200,000 code units or more sets 8× once its
 *   files are read (server/src/cli.ts, tuneForSize, with the measurements); it is set back with these.
 */
const CLI_FLAGS = [
  { name: 'semi-space-growth-factor', value: 1, initial: 2 },
  { name: 'interrupt-budget', value: 4 * 67584, initial: 67584 },
];

/**
 * A bundle with a code cache (server/boot.cjs): the bundle goes to dist/<mainName>, and dist/<name> is
 * boot.cjs, which compiles it with the cached bytecode. `initialize` from spawn: ~100M fewer instructions of ~720M (callgrind).
 * The command line writes its cache as it exits; the server a few seconds after it starts. `flags`: V8 flags
 * set for the run once the bundle is compiled, each with its default (what boot.cjs sets back before it writes
 * a cache).
 */
async function buildCached(options, { name, mainName, cacheAtExit, flags = [], banner = '' }) {
  const r = await esbuild.build({ ...options, write: false, sourcemap: 'external' });
  const code = r.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const map = r.outputFiles.find((f) => f.path.endsWith('.map')).text;
  writeFileSync(`dist/${name}.map`, map);
  const boot = readFileSync('server/boot.cjs', 'utf8');
  const source = code + `//# sourceMappingURL=${name}.map\n`;
  writeFileSync(`dist/${mainName}`, source);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const list = (k) => JSON.stringify(flags.map((f) => `--${f.name}=${f[k]}`).join(' '));
  const consts = `const SOURCE_HASH = '${hash}';\nconst MAIN_NAME = '${mainName}';\nconst CACHE_AT_EXIT = ${cacheAtExit};\nconst RUN_FLAGS = ${list('value')};\nconst RESTORE_FLAGS = ${list('initial')};\n`;
  writeFileSync(`dist/${name}`, banner + consts + boot);
}

/**
 * dist/cliches.ac: the built-in cliché dictionary's Aho–Corasick automaton as tables (AhoCorasick.tables()),
 * which gongwen-lint and the server read instead of building it (~20 ms at every start). Made by the
 * dictionary code itself, bundled to a temporary file; a matcher checks that the tables fit its phrases before
 * using them.
 */
async function precompileCliches() {
  const r = await esbuild.build({
    stdin: { contents: `export { compileBuiltinAutomaton } from './server/src/core/cliche/dictionary';`, resolveDir: '.', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongwen-build-'));
  try {
    const file = path.join(dir, 'compile.cjs');
    writeFileSync(file, r.outputFiles[0].text);
    const tables = createRequire(import.meta.url)(file).compileBuiltinAutomaton();
    writeFileSync('dist/cliches.ac', new Uint8Array(tables.buffer, tables.byteOffset, tables.byteLength));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes gongwen-lint's code cache with a check of the bundled example. Otherwise whichever run comes first
 * writes it — often `--help` or a usage error from a test, whose cache lacks the checks, and a cache is never
 * rewritten once V8 accepts it: every later run then compiles the core again (~100 KB of the ~320 KB cache).
 * The same run checks the example again from standard input, repeated to past KERNEL_MIN_UNITS (kernel.ts): a
 * long document takes paths a short one never does (the WebAssembly kernel's, standard input's), and a cache
 * written without them left a 1 MB run to compile them (callgrind: ~25M of ~1,400M instructions). A cache left
 * by an earlier build of the same bundle goes first: V8 would accept it, and this run would not write one.
 */
function warmCliCache() {
  for (const f of readdirSync('dist')) if (/^cli\.js\.[0-9a-f]+\.cache$/.test(f)) rmSync(path.join('dist', f), { force: true });
  const example = readFileSync('examples/speech.txt', 'utf8');
  const long = example.repeat(Math.ceil(20000 / example.length));
  try {
    execFileSync(process.execPath, ['dist/cli.js', '--format', 'json', 'examples/speech.txt', '-'], { input: long, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    // exit code 1 (the example has errors on purpose), or no cache: the first real run writes it
  }
}

const builds = [{ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }];

// The cached bundles are written by this script, not by esbuild: the folder must exist first (a fresh clone).
mkdirSync('dist', { recursive: true });

if (watch) {
  // Watching: the plain bundles, without the code cache.
  for (const b of [...builds, serverBuild(), { ...cliBuild(), banner: { js: '#!/usr/bin/env node' } }]) (await esbuild.context(b)).watch();
} else {
  await Promise.all([
    ...builds.map((b) => esbuild.build(b)),
    buildCached(serverBuild(), { name: 'server.js', mainName: 'server-main.js', cacheAtExit: false }),
    buildCached(cliBuild(), { name: 'cli.js', mainName: 'cli-main.js', cacheAtExit: true, flags: CLI_FLAGS, banner: '#!/usr/bin/env node\n' }),
    precompileCliches(),
  ]);
  chmodSync('dist/cli.js', 0o755);
  warmCliCache();
}
