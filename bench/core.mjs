// Where the time goes inside the checking core, phase by phase, without process start-up or the protocol:
// the model, the elements, each rule family, ordering and suppression, and the garbage collector (gc: pauses during the run, which
// the phases include). Two scenarios:
// - cold: a one-shot check with the per-line caches off and the WebAssembly kernel on (--no-kernel: off), as the
//   command line runs (first run in a fresh process and the median of the runs after it);
// - typing: the caches on, the document checked once, then one character typed at a time at the typing point
//   bench/latency.mjs uses (the start of a paragraph near the middle), each version checked in full with the
//   previous version's model to take unchanged lines from, as the language server does.
// A profiling aid for optimising; the figures the README quotes come from bench/run.mjs.
//
//   node bench/core.mjs [--size 100k|1m|10m] [--keys 100] [--cold 5] [--only cold|typing] [--cpu] [--no-kernel]
import { PerformanceObserver, performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generate, loadCliches, SIZES, TYPED, typingLine } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DATA = path.join(HERE, '.data');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const size = opt('--size', '1m');
const keys = Number(opt('--keys', 100));
const coldRuns = Number(opt('--cold', 5));
const only = opt('--only', '');
// --cpu: the process's CPU time (user + system) per phase instead of wall time; steadier on a busy machine.
const cpu = args.includes('--cpu');
const clock = cpu
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
if (!SIZES[size]) throw new Error(`unknown size ${size}`);

fs.mkdirSync(DATA, { recursive: true });
const bundle = path.join(DATA, 'core-bench.cjs');
await build({
  stdin: {
    contents: `
      export * from './server/src/core';
      export { makeContext, sortFindings } from './server/src/core/check';
      export { applySuppressions } from './server/src/core/suppress';
      export { setLineCaching } from './server/src/core/cache';
      export { useKernel } from './server/src/core/kernel';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
});
const core = createRequire(import.meta.url)(bundle);

const file = path.join(DATA, `report-${size}.txt`);
if (!fs.existsSync(file)) fs.writeFileSync(file, generate(SIZES[size], undefined, loadCliches().phrases).text);
const text0 = fs.readFileSync(file, 'utf8');

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

/** One full check, timed phase by phase; the same steps as checkDocument. */
function timedCheck(text, previous) {
  const t = {};
  const gc0 = gcMs;
  let t0 = clock();
  const lap = (name) => {
    const t1 = clock();
    t[name] = (t[name] ?? 0) + (t1 - t0);
    t0 = t1;
  };
  const doc = new core.GwDocument(text, 'plaintext', 'file:///bench.txt', previous);
  lap('model');
  void doc.elements;
  lap('elements');
  const ctx = core.makeContext(doc, {});
  const out = [];
  for (const fam of core.RULE_FAMILIES) {
    for (const f of fam.check(ctx)) out.push(f);
    lap(fam.name);
  }
  // What checkDocument does after the families (no severity overrides here): order, then suppressions.
  core.sortFindings(out, doc.lineCount);
  const findings = core.applySuppressions(doc, out, []);
  lap('sort+suppress');
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  t.total = total;
  return { t, doc, findings, gc0 };
}

/** The garbage collector's time since gc0: the observer reports on a later turn of the event loop. */
async function gcSince(r) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  r.t.gc = gcMs - r.gc0;
  return r;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const fmt = (x) => (x === undefined ? '' : x.toFixed(1).padStart(7));

function table(title, rows) {
  const names = Object.keys(rows[0]);
  console.log(`\n${title} (${rows.length} runs; ms)`);
  console.log(`${'phase'.padEnd(14)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'max'.padStart(7)}`);
  for (const n of names) {
    const xs = rows.map((r) => r[n] ?? 0);
    console.log(`${n.padEnd(14)}${fmt(pct(xs, 50))}${fmt(pct(xs, 95))}${fmt(Math.max(...xs))}`);
  }
}

console.log(`${path.relative(ROOT, file)}: ${Buffer.byteLength(text0)} bytes, ${text0.length} UTF-16 units; ${cpu ? 'CPU' : 'wall'} time`);

if (only !== 'typing') {
  core.setLineCaching(false);
  core.useKernel(!args.includes('--no-kernel'));
  const first = await gcSince(timedCheck(text0));
  console.log(`\ncold, first run in this process: ${first.t.total.toFixed(1)} ms (gc ${first.t.gc.toFixed(1)}), ${first.findings.length} findings`);
  console.log('  ' + Object.entries(first.t).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · '));
  const rows = [];
  for (let i = 0; i < coldRuns; i++) rows.push((await gcSince(timedCheck(text0))).t);
  table('cold, later runs', rows);
}

if (only !== 'cold') {
  core.setLineCaching(true);
  core.useKernel(false);
  let text = text0;
  let { findings, doc } = timedCheck(text);
  // The typing point: the start of a paragraph's text near the middle, on a line with a finding further right.
  const lines = text.split('\n');
  const best = typingLine(text, findings.map((f) => f.range.start)) ?? lines.length >> 1;
  let offset = lines.slice(0, best).reduce((n, l) => n + l.length + 1, 0) + 2;
  const rows = [];
  for (let k = 0; k < keys; k++) {
    const ch = TYPED[k % TYPED.length];
    text = text.slice(0, offset) + ch + text.slice(offset);
    offset++;
    // The previous version's model, as the language server passes it.
    const r = await gcSince(timedCheck(text, doc));
    doc = r.doc;
    rows.push(r.t);
  }
  table(`typing at line ${best + 1}`, rows);
}
