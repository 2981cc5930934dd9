// The speed benchmark: whole-process CLI time and peak memory of gongwen-lint side by side with the tools a
// user would otherwise pick (textlint + textlint-rule-prh loaded with our cliché dictionary, zhlint,
// autocorrect-node), then keystroke latency through the language server (bench/latency.mjs). Results go to
// bench/RESULTS.md.
//
//   npm run bench                                    # everything (builds first)
//   node bench/run.mjs --sizes 100k,1m --runs 3      # a quick run
//   node bench/run.mjs --tools gongwen --no-latency --no-write
//
// Options: --sizes 100k,1m,10m  --runs N (alternating rounds, median reported; default 9: wall times on a shared
//          machine move by a tenth from minute to minute, and a median of 5 moved the 1 MB ratios by as much)
//          --tools gongwen,textlint,zhlint,autocorrect  --timeout S (per run, default 120)
//          --slow S (a tool slower than S seconds on its first run at a size runs once only; default 20)
//          --no-latency  --latency-keys N  --no-write (print only)  --no-install (skip missing peers)
// Peers are installed on demand into bench/.peers/ (git-ignored), never as dependencies of the extension.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadCliches, prhYaml, SIZES } from './generate.mjs';
import { UNSET_HERE, withoutUnset } from './launch.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DATA = path.join(HERE, '.data');
const PEERS = path.join(HERE, '.peers');
const OUT = path.join(DATA, 'out');

/** Pinned so that two runs of the benchmark compare the same tools. */
const PEER_PACKAGES = { textlint: '15.8.0', 'textlint-rule-prh': '6.1.0', zhlint: '0.8.2', 'autocorrect-node': '2.14.0' };

function parseArgs(argv) {
  const a = {
    sizes: Object.keys(SIZES),
    runs: 9,
    tools: ['gongwen', 'textlint', 'zhlint', 'autocorrect'],
    timeout: 120,
    slow: 20,
    latency: true,
    latencyKeys: 200,
    write: true,
    install: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    const v = () => argv[++i];
    if (s === '--sizes') a.sizes = v().split(',');
    else if (s === '--runs') a.runs = Math.max(1, Number(v()));
    else if (s === '--tools') a.tools = v().split(',');
    else if (s === '--timeout') a.timeout = Number(v());
    else if (s === '--slow') a.slow = Number(v());
    else if (s === '--no-latency') a.latency = false;
    else if (s === '--latency-keys') a.latencyKeys = Number(v());
    else if (s === '--no-write') a.write = false;
    else if (s === '--no-install') a.install = false;
    else throw new Error(`unknown option ${s}`);
  }
  for (const s of a.sizes) if (!SIZES[s]) throw new Error(`unknown size ${s}`);
  return a;
}

function peerVersion(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(PEERS, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function ensurePeers(install) {
  const missing = Object.entries(PEER_PACKAGES).filter(([p, v]) => peerVersion(p) !== v);
  if (!missing.length) return;
  if (!install) return;
  fs.mkdirSync(PEERS, { recursive: true });
  const pj = path.join(PEERS, 'package.json');
  if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: 'gongwen-bench-peers', private: true }, null, 2));
  console.error(`installing peers into bench/.peers: ${missing.map(([p, v]) => `${p}@${v}`).join(' ')}`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...missing.map(([p, v]) => `${p}@${v}`)], { cwd: PEERS, stdio: 'inherit' });
  if (r.status !== 0) console.error('npm install of the peers failed; they are left out of this run');
}

/** The tools, each a command line run from DATA on a file name relative to it. */
function toolDefs() {
  const bin = (name) => path.join(PEERS, 'node_modules', '.bin', name);
  const node = process.execPath;
  return {
    gongwen: {
      label: 'Gongwen (gongwen-lint)',
      what: 'all rules, JSON output',
      available: () => fs.existsSync(path.join(ROOT, 'dist/cli.js')),
      cmd: (file) => [node, path.join(ROOT, 'dist/cli.js'), '--format', 'json', file],
      count: (out) => JSON.parse(out).reduce((n, r) => n + r.diagnostics.length, 0),
    },
    textlint: {
      label: 'textlint + textlint-rule-prh',
      what: 'our cliché list as prh rules, JSON output',
      available: () => !!peerVersion('textlint') && !!peerVersion('textlint-rule-prh'),
      cmd: (file) => [bin('textlint'), '--config', '.textlintrc.json', '--rules-base-directory', path.join(PEERS, 'node_modules'), '-f', 'json', file],
      count: (out) => JSON.parse(out).reduce((n, r) => n + r.messages.length, 0),
    },
    zhlint: {
      label: 'zhlint',
      what: 'default rules',
      available: () => !!peerVersion('zhlint'),
      cmd: (file) => [bin('zhlint'), file],
      count: (out) => Number(/Found (\d+) error/.exec(out)?.[1] ?? 0),
    },
    autocorrect: {
      label: 'autocorrect-node',
      what: '--lint, JSON output',
      available: () => !!peerVersion('autocorrect-node'),
      cmd: (file) => [bin('autocorrect'), '--lint', '--format', 'json', file],
      count: (out) => {
        const j = JSON.parse(out);
        return j.messages.reduce((n, m) => n + m.lines.length, 0);
      },
    },
  };
}

const HAS_TIME = fs.existsSync('/usr/bin/time');

/**
 * Environment variables removed for every tool's run: those the VS Code client removes for the language server
 * (server/launch.json `unsetEnv`, as bench/latency.mjs does). NODE_EXTRA_CA_CERTS makes Node parse a certificate
 * bundle as it starts, for TLS that none of these tools uses (each of them runs on Node): a constant added to
 * every run on a machine that sets it, as the bench machine does (RESULTS.md gives what it costs there), and not
 * on a typical writer's.
 */
const TOOL_ENV = withoutUnset(process.env);

/**
 * What the removed variables cost a Node process here: a bare `node -e 0` with this shell's environment and with
 * the tools', 11 alternating runs each, medians in ms. Undefined when this machine sets none of them.
 */
async function unsetCost() {
  if (!UNSET_HERE.length) return undefined;
  const here = [];
  const tools = [];
  for (let r = 0; r < 11; r++) {
    for (const [env, into] of r % 2 ? [[TOOL_ENV, tools], [process.env, here]] : [[process.env, here], [TOOL_ENV, tools]]) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
      into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return { here: median(here), tools: median(tools) };
}

/**
 * Runs one command to completion: wall time (hrtime around spawn and exit), peak RSS in KB (GNU time's
 * %M when /usr/bin/time exists, else VmHWM polled from /proc), CPU seconds. Output goes to a file.
 */
function runOnce(argv, outFile, timeoutS) {
  return new Promise((resolve) => {
    const out = fs.openSync(outFile, 'w');
    const timeFile = outFile + '.time';
    const full = HAS_TIME ? ['/usr/bin/time', '-f', '%M %U %S', '-o', timeFile, ...argv] : argv;
    const t0 = process.hrtime.bigint();
    const child = spawn(full[0], full.slice(1), { cwd: DATA, stdio: ['ignore', out, out], detached: true, env: TOOL_ENV });
    let hwm = 0;
    let timedOut = false;
    const poll = HAS_TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {}
        }, 5);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutS * 1000);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      fs.closeSync(out);
      let cpu;
      if (HAS_TIME && !timedOut) {
        const t = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        hwm = t[0];
        cpu = t[1] + t[2];
      }
      resolve({ ms, kb: hwm, cpu, code, timedOut });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function machine() {
  const cpus = os.cpus();
  const versions = { node: process.version };
  for (const p of Object.keys(PEER_PACKAGES)) versions[p] = peerVersion(p) ?? 'not installed';
  versions.gongwen = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    versions,
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
  };
}

export function prepareData(sizes) {
  fs.mkdirSync(OUT, { recursive: true });
  const { entries, phrases, source } = loadCliches();
  const files = {};
  for (const s of sizes) {
    const file = `report-${s}.txt`;
    const { text } = generate(SIZES[s], 20260101, phrases);
    const p = path.join(DATA, file);
    if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) fs.writeFileSync(p, text);
    files[s] = { file, bytes: Buffer.byteLength(text) };
  }
  fs.writeFileSync(path.join(DATA, 'prh.yml'), prhYaml(entries));
  fs.writeFileSync(path.join(DATA, '.textlintrc.json'), JSON.stringify({ rules: { prh: { rulePaths: ['prh.yml'] } } }, null, 2));
  return { files, phrases: entries.length, source };
}

async function cliBench(a, files) {
  const defs = toolDefs();
  const tools = a.tools.filter((t) => {
    if (!defs[t]) throw new Error(`unknown tool ${t}`);
    if (!defs[t].available()) console.error(`${t}: not available, left out`);
    return defs[t].available();
  });
  const results = {};
  for (const size of a.sizes) {
    const { file } = files[size];
    const cell = Object.fromEntries(tools.map((t) => [t, { runs: [], kb: [], cpu: [], timedOut: false, count: undefined, code: undefined }]));
    for (let r = 0; r < a.runs; r++) {
      // Alternate the order each round so no tool always runs on a warm or a cold cache.
      const order = tools.slice(r % tools.length).concat(tools.slice(0, r % tools.length));
      for (const t of order) {
        const c = cell[t];
        if (c.timedOut || (c.runs.length && c.runs[0] > a.slow * 1000)) continue;
        const outFile = path.join(OUT, `${t}-${size}.out`);
        const res = await runOnce(defs[t].cmd(file), outFile, a.timeout);
        if (res.timedOut) {
          c.timedOut = true;
          process.stderr.write(`  ${size} ${t}: timed out after ${a.timeout} s\n`);
          continue;
        }
        c.runs.push(res.ms);
        c.kb.push(res.kb);
        if (res.cpu !== undefined) c.cpu.push(res.cpu);
        c.code = res.code;
        if (c.count === undefined) {
          try {
            c.count = defs[t].count(fs.readFileSync(outFile, 'utf8'));
          } catch {
            c.count = '?';
          }
        }
        process.stderr.write(`  ${size} ${t}: ${res.ms.toFixed(0)} ms, ${(res.kb / 1024).toFixed(0)} MB\n`);
      }
    }
    results[size] = cell;
  }
  return { tools, results, defs };
}

const fmtMs = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

function cliTable(bench, a, files) {
  const { tools, results, defs } = bench;
  const rows = [];
  rows.push('| Size | Tool | Median wall time | Runs | CPU (user+sys) | Peak RSS | Findings | Gongwen faster by |');
  rows.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const size of a.sizes) {
    const cell = results[size];
    const gw = cell.gongwen?.runs.length ? median(cell.gongwen.runs) : undefined;
    for (const t of tools) {
      const c = cell[t];
      const kb = c.kb.length ? Math.max(...c.kb) : 0;
      let time;
      let ratio = '';
      if (c.timedOut && !c.runs.length) {
        time = `> ${a.timeout} s (timeout)`;
        ratio = gw ? `> ${((a.timeout * 1000) / gw).toFixed(0)}×` : '';
      } else {
        const m = median(c.runs);
        time = fmtMs(m);
        if (t !== 'gongwen' && gw) ratio = `${(m / gw).toFixed(1)}×`;
      }
      const cpu = c.cpu.length ? fmtMs(median(c.cpu) * 1000) : '';
      rows.push(`| ${size} (${(files[size].bytes / 1024).toFixed(0)} KB) | ${defs[t].label} | ${time} | ${c.runs.length}${c.timedOut ? ' + timeout' : ''} | ${cpu} | ${kb ? (kb / 1024).toFixed(0) + ' MB' : ''} | ${c.count ?? ''} | ${ratio} |`);
    }
  }
  return rows.join('\n');
}

/**
 * A peer's time over gongwen-lint's round by round (both ran in each round, seconds apart): the median and
 * quartiles of those ratios, and in how many rounds the ratio met the target (`ok`). Beside the ratio of the
 * medians, it shows how far a ratio near its target is from flipping with the machine.
 */
function roundNote(cell, t, ok, digits) {
  const g = cell?.gongwen?.runs;
  const p = cell?.[t]?.runs;
  if (!g || !p || g.length < 3 || g.length !== p.length) return '';
  const xs = p.map((ms, i) => ms / g[i]).sort((x, y) => x - y);
  const at = (q) => `${xs[Math.round(q * (xs.length - 1))].toFixed(digits)}×`;
  return ` (round by round: median ${at(0.5)}, quartiles ${at(0.25)}–${at(0.75)}; met in ${xs.filter(ok).length} of ${xs.length} rounds)`;
}

function targets(bench, latency, a) {
  const out = [];
  const r = bench.results;
  const med = (size, t) => (r[size]?.[t]?.runs.length ? median(r[size][t].runs) : undefined);
  const gw1 = med('1m', 'gongwen');
  const mark = (ok) => (ok ? '✅' : '❌');
  if (gw1 !== undefined) {
    const tl = med('1m', 'textlint');
    if (tl) out.push(`- ${mark(tl / gw1 >= 6)} CLI on 1 MB at least 6× faster than textlint+prh: ${(tl / gw1).toFixed(1)}×${roundNote(r['1m'], 'textlint', (x) => x >= 6, 1)}`);
    const ac = med('1m', 'autocorrect');
    if (ac) out.push(`- ${mark(ac / gw1 > 1)} CLI on 1 MB faster than autocorrect-node: ${(ac / gw1).toFixed(2)}×${roundNote(r['1m'], 'autocorrect', (x) => x > 1, 2)}`);
    const gw10 = med('10m', 'gongwen');
    if (gw10) out.push(`- ${mark(gw10 / gw1 <= 12)} 10 MB run within 12× the 1 MB run: ${(gw10 / gw1).toFixed(1)}×`);
  }
  if (latency) {
    const lim = { '100k': 15, '1m': 60 };
    for (const [size, l] of Object.entries(latency.sizes)) {
      if (!lim[size]) continue;
      const atOnce = l.atOnce ? `typed at once after opening: p95 ${l.atOnce.p95.toFixed(1)} ms` : '';
      const floor = l.floor ? `floor, the same list from a stand-in that checks nothing: p95 ${l.floor.p95.toFixed(1)} ms` : '';
      const notes = [atOnce, floor].filter(Boolean).join('; ');
      out.push(`- ${mark(l.p95 <= lim[size])} keystroke p95 at ${size} within ${lim[size]} ms: ${l.p95.toFixed(1)} ms${notes ? ` (${notes})` : ''}`);
    }
    const big = latency.sizes['10m'];
    if (big) out.push(`- ${mark(big.rssMB < 150)} server peak RSS with the 10 MB document open under 150 MB: ${big.rssMB.toFixed(0)} MB`);
    if (latency.initializeMs !== undefined) out.push(`- ${mark(latency.initializeMs <= 150)} \`initialize\` answered within 150 ms: ${latency.initializeMs.toFixed(0)} ms (median of ${latency.startup?.runs ?? 'the'} server starts; node alone: ${latency.startup ? latency.startup.node.median.toFixed(0) + ' ms' : '—'})`);
  }
  return out.join('\n');
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  ensurePeers(a.install);
  const { files, phrases, source } = prepareData(a.sizes);
  console.error(`documents: ${a.sizes.map((s) => `${s} = ${files[s].bytes} bytes`).join(', ')}; prh rules: ${phrases} entries from ${source}`);
  const load = [os.loadavg()[0]];
  const unset = await unsetCost();
  const bench = await cliBench(a, files);
  load.push(os.loadavg()[0]);
  let latency;
  if (a.latency) {
    const { latencyBench, latencyTable } = await import('./latency.mjs');
    latency = await latencyBench({ sizes: a.sizes, keys: a.latencyKeys, files: Object.fromEntries(a.sizes.map((s) => [s, path.join(DATA, files[s].file)])) });
    latency.table = latencyTable(latency);
    load.push(os.loadavg()[0]);
  }
  const m = machine();
  const md = [
    '# Gongwen benchmark results',
    '',
    `Generated by \`npm run bench\` (bench/run.mjs) on ${m.date}, commit ${m.commit}. Do not edit by hand.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGB} GB RAM, ${m.os}; 1-minute load average ${load.map((x) => x.toFixed(1)).join(' → ')} over the run (start, after the CLI runs${latency ? ', after the latency runs' : ''}) — above ${m.cores} means other processes were competing for the CPU, which stretches wall times; the CPU columns are less affected.`,
    `- Versions: ${Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `- Documents: bench/generate.mjs (seed 20260101), ${a.sizes.map((s) => `${s} = ${files[s].bytes.toLocaleString('en')} bytes`).join(', ')}; textlint-rule-prh loaded with our ${phrases} dictionary entries (one prh rule each, alternations as a regular expression) from ${source}.`,
    `- Method: each tool runs as a whole process on the file, output to a file; ${a.runs} alternating rounds, median wall time (the targets on the 1 MB ratios also give them round by round); peak RSS from ${HAS_TIME ? 'GNU time (%M)' : 'VmHWM polled from /proc'}; a run over ${a.timeout} s is killed and reported as a bound; a tool slower than ${a.slow} s on its first run at a size runs once${UNSET_HERE.length ? `; every tool runs without ${UNSET_HERE.map((k) => `\`${k}\``).join(', ')}, which this machine sets: a certificate bundle Node parses at every start, for TLS none of the tools uses (a bare \`node -e 0\`, median of 11: ${fmtMs(unset.here)} with it, ${fmtMs(unset.tools)} without)` : ''}.`,
    '',
    '## Whole-process CLI time',
    '',
    cliTable(bench, a, files),
    '',
  ];
  if (latency) md.push('## Keystroke to diagnostics (language server over stdio)', '', latency.method, '', latency.table, '');
  md.push('## Targets', '', targets(bench, latency, a), '');
  const text = md.join('\n');
  console.log(text);
  if (a.write) {
    fs.writeFileSync(path.join(HERE, 'RESULTS.md'), text);
    console.error('wrote bench/RESULTS.md');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
