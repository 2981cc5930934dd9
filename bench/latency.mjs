// Keystroke latency through the real protocol: spawns `node dist/server.js --stdio`, speaks JSON-RPC with
// vscode-jsonrpc, opens a generated document, then types one character at a time in the middle of it with
// incremental didChange and measures from each didChange to the publishDiagnostics for that version.
//
//   node bench/latency.mjs [--sizes 100k,1m,10m] [--keys 200]
//
// The server never re-sends an unchanged diagnostic list, so the typing point is chosen where every
// keystroke moves a finding: at the start of a paragraph's text (after its indent) on a line that has a
// finding further right. Large documents (over gongwen.maxFileSize) are checked on save only: for those
// the bench reports the save-to-diagnostics time instead, and the gongwen/status notification. Each size typed
// into as you type is typed into again through bench/standin-server.cjs, which checks nothing: the floor that
// the protocol and this client cost for a list of that size.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';
import { TYPED, typingLine } from './generate.mjs';
import { LAUNCH, UNSET_HERE, withoutUnset } from './launch.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SERVER_EXEC_ARGV = LAUNCH.execArgv;
/** The environment the VS Code client starts the server in: this one with server/launch.json's env, without its unsetEnv. */
const SERVER_ENV = withoutUnset({ ...process.env, ...LAUNCH.env });

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * From /proc/<pid>/stat: the CPU time (user + system) the process has used so far, in milliseconds, and its minor
 * page faults (memory it touched for the first time since the kernel mapped it).
 */
function procStat(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return { cpuMs: ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK, faults: Number(rest[7]) };
  } catch {
    return { cpuMs: NaN, faults: NaN };
  }
}
const CLK_TCK = 100;

/**
 * What a first touch of a page of fresh memory (a minor page fault) costs on this machine, in µs: 32 MB of a new
 * ArrayBuffer (mapped by the kernel, not yet touched) written one byte a page, timed and counted in this process's
 * /proc/self/stat; the median of 7. Undefined where /proc cannot be read.
 */
function firstTouchCost() {
  const costs = [];
  for (let r = 0; r < 7; r++) {
    const a = new Uint8Array(new ArrayBuffer(32 << 20));
    const before = procStat(process.pid).faults;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < a.length; i += 4096) a[i] = 1;
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    const n = procStat(process.pid).faults - before;
    if (n > 0) costs.push(us / n);
  }
  return costs.length ? pct(costs, 50) : undefined;
}

/**
 * How long after the opened document's diagnostics arrive the first keystroke is sent: a writer reads before
 * typing. The server uses such a pause after opening a long document to warm up its typing path
 * (server/src/warmup.ts); each size is also typed into at once, and both are reported.
 */
export const READ_PAUSE_MS = 1000;

function vmHWM(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * A fresh server over stdio (not listening yet), with the V8 flags and environment the VS Code client gives it,
 * and `extraArgs`; `program` (the script and its arguments) is the language server unless given.
 */
function startServer(extraArgs = [], program = [path.join(ROOT, 'dist/server.js'), '--stdio']) {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...extraArgs, ...program], { stdio: ['pipe', 'pipe', 'inherit'], env: SERVER_ENV });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  return { child, conn };
}

/** shutdown and exit, as an editor ends a session; killed if it has not gone after two seconds. */
async function stopServer({ child, conn }) {
  try {
    await Promise.race([conn.sendRequest('shutdown'), sleep(2000)]);
    conn.sendNotification('exit');
  } catch {}
  await Promise.race([new Promise((r) => child.on('exit', r)), sleep(2000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
  conn.dispose();
}

/**
 * Opens one document in a fresh server and types into it. With `standin` ({ list, where }), the server is
 * bench/standin-server.cjs answering every change with the diagnostics in the file `list`, typed into at
 * `where`: the same client and the same keystrokes with no checking behind them.
 */
async function measure(file, keys, standin, pause = READ_PAUSE_MS) {
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const t0 = now();
  // BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server while it is typed into;
  // "--log-code --logfile=/tmp/v8-%p.log --no-logfile-per-isolate" logs each compile (a function optimised again
  // was deoptimised). Not --trace-deopt or --log-deopt: V8 prints part of those traces to standard output, into
  // the protocol stream, even with --redirect-code-traces-to, and the client loses the server at the first one.
  const server = standin
    ? startServer([], [path.join(HERE, 'standin-server.cjs'), standin.list])
    : startServer((process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean));
  const { child, conn } = server;
  const waiting = new Map(); // version -> resolve
  const published = []; // { version, at, count }
  const statuses = [];
  const logs = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    const at = now();
    // Only the first list is kept (it picks the typing point): an editor drops each list for the next, and a
    // bench client that kept them all would spend its time collecting garbage, not reading messages.
    published.push({ version: p.version, at, count: p.diagnostics.length, diagnostics: p.version === 1 ? p.diagnostics : undefined });
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(at);
    }
  });
  conn.onNotification('gongwen/status', (p) => statuses.push(p));
  conn.onNotification('window/logMessage', (p) => logs.push(p.message));
  conn.onNotification('window/showMessage', (p) => logs.push(p.message));
  // No time budget: on a loaded machine a slow check would otherwise switch the document to on-save checking
  // in the middle of the run. The size limit stays at its default.
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ timeBudget: 0 })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const waitFor = (version, ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(version);
        resolve(undefined);
      }, ms);
      waiting.set(version, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });

  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: 'zh-cn',
    // What VS Code's client declares for diagnostics: the server may send related locations and links.
    capabilities: {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } } },
    },
  });
  const initializeMs = now() - t0;
  conn.sendNotification('initialized', {});

  let version = 1;
  const tOpen = now();
  const opened = waitFor(1, 120000);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
  const openAt = await opened;
  const openMs = openAt === undefined ? undefined : openAt - tOpen;
  const status = statuses.find((s) => s.uri === uri);
  const result = { bytes: Buffer.byteLength(text), initializeMs, openMs, status, latencies: [], cpu: [], faults: [], missed: 0, keys: 0 };

  if (status?.mode === 'onSave') {
    // Large document: no checking while typing. Type a little (a line break at the top first, so every
    // finding moves and the check after saving has a new list to send), then save and time the check.
    const lines = text.split('\n');
    const line = lines.length >> 1;
    for (let i = 0; i < 20; i++) {
      version++;
      const at = i === 0 ? { line: 0, character: 0 } : { line: line + 1, character: 0 };
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: i === 0 ? '\n' : TYPED[i % TYPED.length] }],
      });
    }
    const ignored = published.filter((p) => p.version > 1).length;
    const saved = waitFor(version, 120000);
    const tSave = now();
    conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const at = await saved;
    result.saveMs = at === undefined ? undefined : at - tSave;
    result.publishedWhileTyping = ignored;
  } else {
    // Find the typing point: a line near the middle with a finding at column ≥ 3 and a paragraph indent.
    const diags = published.find((p) => p.version === 1)?.diagnostics ?? [];
    let line;
    let character;
    if (standin) ({ line, character } = standin.where);
    else {
      const lines = text.split('\n');
      const best = typingLine(text, diags.map((d) => d.range.start));
      line = best ?? lines.length >> 1;
      character = best !== undefined ? 2 : Math.min(2, lines[line].length);
      result.where = { line, character, anchored: best !== undefined };
      result.firstList = diags;
    }
    await sleep(pause);
    for (let i = 0; i < keys; i++) {
      version++;
      const got = waitFor(version, 5000);
      const before = procStat(child.pid);
      const tKey = now();
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character: character + i }, end: { line, character: character + i } }, text: TYPED[i % TYPED.length] }],
      });
      const at = await got;
      result.keys++;
      if (at === undefined) result.missed++;
      else {
        result.latencies.push(at - tKey);
        const after = procStat(child.pid);
        result.cpu.push(after.cpuMs - before.cpuMs);
        result.faults.push(after.faults - before.faults);
      }
      await sleep(5); // a short gap, as between two keystrokes (no pile-up from the previous key)
    }
  }
  result.rssMB = vmHWM(child.pid);
  // The server logs its warm-up once it is done (server/src/server.ts warmUpAfter): keystrokes and milliseconds.
  const warm = logs.map((l) => /typing path warmed up: (\d+) keystrokes into a private copy \((\d+) ms\)/.exec(l)).find(Boolean);
  if (warm) result.warmUp = { keys: Number(warm[1]), ms: Number(warm[2]) };
  result.logs = logs.filter((l) => /gongwen/i.test(l)).slice(0, 5);
  await stopServer(server);
  return result;
}

/**
 * Start-up alone: `runs` fresh servers, each timed from spawn to the answer to `initialize`, alternating with
 * a bare `node -e` that answers one line on stdout (what node itself costs on this machine at that moment).
 */
export async function startupBench(runs = 11) {
  const server = [];
  const bare = [];
  const bareHere = [];
  for (let i = 0; i < runs; i++) {
    {
      const t0 = now();
      const started = startServer();
      started.conn.listen();
      await started.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, locale: 'zh-cn', capabilities: {} });
      server.push(now() - t0);
      await stopServer(started);
    }
    const bareNode = async (env) => {
      const t0 = now();
      const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, '-e', 'process.stdout.write("ok\\n")'], { stdio: ['ignore', 'pipe', 'inherit'], env });
      await new Promise((r) => child.stdout.once('data', r));
      const ms = now() - t0;
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      return ms;
    };
    bare.push(await bareNode(SERVER_ENV));
    // Node in this shell's environment, when the client's differs: what the variables cost at every start.
    if (UNSET_HERE.length) bareHere.push(await bareNode(process.env));
    await sleep(50);
  }
  const stats = (xs) => ({ median: pct(xs, 50), min: Math.min(...xs), max: Math.max(...xs) });
  return { runs, server: stats(server), node: stats(bare), nodeHere: bareHere.length ? { ...stats(bareHere), unset: UNSET_HERE } : undefined };
}

export async function latencyBench({ sizes, keys = 200, files }) {
  const out = { sizes: {}, method: '' };
  const inits = [];
  for (const s of sizes) {
    process.stderr.write(`  latency ${s}…\n`);
    const r = await measure(files[s], keys);
    if (r.where && r.firstList?.length) {
      // The floor: the same keystrokes into a stand-in that answers each with the list the server sent first.
      const list = path.join(os.tmpdir(), `gongwen-bench-list-${process.pid}.json`);
      fs.writeFileSync(list, JSON.stringify(r.firstList));
      try {
        const f = await measure(files[s], keys, { list, where: r.where });
        r.floor = { p50: pct(f.latencies, 50), p95: pct(f.latencies, 95), count: r.firstList.length, bytes: fs.statSync(list).size, missed: f.missed };
      } finally {
        fs.rmSync(list, { force: true });
      }
    }
    delete r.firstList;
    if (r.where) {
      // The same keystrokes sent at once after opening, before the server's warm-up could run.
      const now0 = await measure(files[s], keys, undefined, 0);
      r.atOnce = { p50: pct(now0.latencies, 50), p95: pct(now0.latencies, 95), missed: now0.missed };
    }
    inits.push(r.initializeMs);
    out.sizes[s] = {
      ...r,
      p50: pct(r.latencies, 50),
      p95: pct(r.latencies, 95),
      max: r.latencies.length ? Math.max(...r.latencies) : NaN,
      cpuP50: pct(r.cpu, 50),
      cpuP95: pct(r.cpu, 95),
      faultsP50: pct(r.faults, 50),
    };
    const floor = r.floor ? `; floor p50 ${r.floor.p50.toFixed(1)} p95 ${r.floor.p95.toFixed(1)} ms` : '';
    const atOnce = r.atOnce ? `; typed at once p50 ${r.atOnce.p50.toFixed(1)} p95 ${r.atOnce.p95.toFixed(1)} ms` : '';
    process.stderr.write(`  latency ${s}: p50 ${out.sizes[s].p50?.toFixed(1)} p95 ${out.sizes[s].p95?.toFixed(1)} ms, rss ${r.rssMB.toFixed(0)} MB${floor}${atOnce}\n`);
  }
  out.initializeMs = pct(inits, 50);
  process.stderr.write('  start-up…\n');
  out.startup = await startupBench();
  out.initializeMs = out.startup.server.median;
  const touch = firstTouchCost();
  out.method =
    `A fresh \`node dist/server.js --stdio\` per size, driven over JSON-RPC (vscode-jsonrpc) like an editor: ` +
    `initialize, didOpen, then, ${READ_PAUSE_MS / 1000} s after the diagnostics of the opened document arrived (a writer reads before typing), ` +
    `${keys} keystrokes typed one character at a time at the start of a paragraph near the ` +
    `middle of the document (a line with a finding further right, so every keystroke changes the list), each an ` +
    `incremental didChange, the next sent 5 ms after the diagnostics for the previous one arrived. In that pause the ` +
    `server warms up its typing path on a private copy of the document (server/src/warmup.ts); "typed at once" is ` +
    `the same run with the first keystroke sent as soon as the opened document's diagnostics arrived, before any warm-up. Latency is from ` +
    `sending didChange to receiving publishDiagnostics for that version; the server's CPU time per keystroke ` +
    `(user + system from /proc/<pid>/stat, 10 ms ticks) shows the cost apart from how busy the machine is, and its minor page ` +
    `faults per keystroke (same file) the memory it touched afresh${touch === undefined ? '' : `, ~${touch.toFixed(1)} µs each on this machine (32 MB of fresh memory touched a page at a time in the bench's own process, median of 7)`}. ` +
    `The floor is the same run against bench/standin-server.cjs, a stand-in that checks nothing and answers each ` +
    `keystroke at once with the list the server sent for the opened document, encoded once: what the protocol and ` +
    `the client (reading and parsing the list) cost alone, which no server can go below with a list of that size. ` +
    `\`initialize\` is timed from spawning the process to its answer, with the V8 flags the VS Code client uses (${SERVER_EXEC_ARGV.join(' ') || 'none'}) ` +
    `and its environment (${Object.entries(LAUNCH.env).map(([k, v]) => `${k}=${v}`).join(', ')}, without ${LAUNCH.unsetEnv.join(', ')}; server/launch.json): ` +
    `the median of ${out.startup.runs} fresh servers, each followed by a bare \`node -e\` that writes one line (node's own start-up at that moment). ` +
    `Peak RSS is the server's VmHWM from /proc at the end. ` +
    `The client answers workspace/configuration with \`timeBudget: 0\` so a loaded machine cannot switch a ` +
    `document to on-save checking mid-run; \`maxFileSize\` keeps its default (2 MB).`;
  return out;
}

export function latencyTable(l) {
  const f = (x) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(1)} ms`);
  const rows = ['| Size | Keystrokes | p50 | p95 | max | Typed at once p50 / p95 | Floor p50 / p95 | Server CPU per key p50 / p95 | Page faults per key p50 | Missed | didOpen → diagnostics | Save → diagnostics | Server peak RSS | initialize | Mode |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const [s, r] of Object.entries(l.sizes)) {
    const mode = r.status?.mode === 'onSave' ? `on save only (${r.status.reason ?? ''})` : 'as you type';
    const floor = r.floor ? `${f(r.floor.p50)} / ${f(r.floor.p95)} (${r.floor.count} diagnostics, ${Math.round(r.floor.bytes / 1024)} KB)` : '—';
    const atOnce = r.atOnce ? `${f(r.atOnce.p50)} / ${f(r.atOnce.p95)}` : '—';
    rows.push(`| ${s} | ${r.keys} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.max)} | ${atOnce} | ${floor} | ${r.cpu.length ? `${r.cpuP50.toFixed(0)} / ${r.cpuP95.toFixed(0)} ms` : '—'} | ${r.faults.length ? r.faultsP50.toFixed(0) : '—'} | ${r.missed} | ${f(r.openMs)} | ${f(r.saveMs)} | ${r.rssMB.toFixed(0)} MB | ${f(r.initializeMs)} | ${mode} |`);
  }
  const warm = Object.entries(l.sizes).filter(([, r]) => r.warmUp);
  if (warm.length) {
    rows.push('', `Warm-up in the pause after opening (server/src/warmup.ts; from the server's log, its own time in the checks of the copy; the peak RSS above includes it): ${warm.map(([s, r]) => `${s} ${r.warmUp.keys} keystrokes in ${r.warmUp.ms} ms`).join(', ')}.`);
  }
  if (l.startup) {
    const { server, node, nodeHere, runs } = l.startup;
    rows.push('', `Start-up, ${runs} runs: spawn → \`initialize\` answered, median ${f(server.median)} (${f(server.min)} – ${f(server.max)}); a bare \`node -e\` answering one line, median ${f(node.median)} (${f(node.min)} – ${f(node.max)}).`);
    if (nodeHere)
      rows[rows.length - 1] += ` Both without ${nodeHere.unset.map((k) => `\`${k}\``).join(', ')}, as the VS Code client starts the server (server/launch.json); with ${nodeHere.unset.length > 1 ? 'them' : 'it'}, as this machine sets ${nodeHere.unset.length > 1 ? 'them' : 'it'}, a bare \`node -e\` takes ${f(nodeHere.median)} (${f(nodeHere.min)} – ${f(nodeHere.max)}).`;
  }
  return rows.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
  const sizes = opt('--sizes', '100k,1m,10m').split(',');
  const keys = Number(opt('--keys', '200'));
  const { prepareData } = await import('./run.mjs');
  const { files } = prepareData(sizes);
  const l = await latencyBench({ sizes, keys, files: Object.fromEntries(sizes.map((s) => [s, path.join(HERE, '.data', files[s].file)])) });
  console.log(l.method + '\n\n' + latencyTable(l));
  for (const [s, r] of Object.entries(l.sizes)) if (r.where) console.log(`${s}: typed at line ${r.where.line + 1}, column ${r.where.character}${r.where.anchored ? '' : ' (no finding on the line: unchanged lists are not re-sent, expect misses)'}`);
}
