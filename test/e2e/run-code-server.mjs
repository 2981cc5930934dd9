#!/usr/bin/env node
// `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by
// headless Chromium. Three parts, each in throwaway folders under .e2e/run-<pid>/:
//   suite  the mocha suite in test/e2e/suite/ inside the extension host (extensionDevelopmentPath = repo)
//   ui     the UI smoke test through the browser (Problems, Outline, light-bulb quick fix; screenshots)
//   client the client's UI test (ui-client.mjs: 公文大纲 view, templates, grammar colours), same code-server
//   vsix   the packaged gongwen-<version>.vsix installed into a fresh code-server: activates, reports findings
// Options: --only suite,ui,client,vsix   --no-setup (skip scripts/e2e-setup.sh)
//          --built (dist/ is fresh, e.g. right after npm test: skip npm run build; the suite is still compiled)
//          --no-build (use dist/, out/e2e and the .vsix as they are)
// Environment: GONGWEN_E2E_GREP (mocha grep for the suite), GONGWEN_E2E_TIMEOUT (overall, seconds).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildSuite,
  failureLine,
  installExtension,
  killAllSync,
  launchBrowser,
  log,
  makeRunDir,
  makeWorkspace,
  repo,
  startCodeServer,
  withTimeout,
  workbenchUrl,
} from './lib/harness.mjs';
import { uiSmoke } from './ui-smoke.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = new Set((opt('--only') ?? 'suite,ui,client,vsix').split(','));
const overallSeconds = Number(process.env.GONGWEN_E2E_TIMEOUT) || 600;
const started = Date.now();

const overall = setTimeout(() => {
  console.error(`[e2e] FAILED: overall timeout of ${overallSeconds} s reached`);
  killAllSync();
  process.exit(124);
}, overallSeconds * 1000);
overall.unref();

function run(cmd, args, what) {
  log(what);
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? r.signal})`);
}

/**
 * Opens the workbench with extensionTestsPath and waits for codeAutomationExit. The test host's console
 * (mocha's report) arrives through codeAutomationLog.
 */
async function runExtensionTests({ runDir, name, server, folder, devPath, testsPath, timeoutMs }) {
  const context = await launchBrowser(runDir, name);
  const logFile = path.join(runDir, `${name}-workbench.log`);
  let result;
  const lines = [];
  try {
    const page = await context.newPage();
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, message) => {
      const text = String(message ?? '');
      appendFileSync(logFile, `[${type}] ${text}\n`);
      // The suite tags its report lines (see suite/index.ts); print those.
      const at = text.indexOf(TAG);
      if (at >= 0) {
        const line = text.slice(at + TAG.length).replace(/,?\s*$/, '');
        lines.push(line);
        if (!line.startsWith('GONGWEN-E2E-RESULT')) console.log(`  ${line}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));
    page.on('pageerror', (e) => appendFileSync(logFile, `[pageerror] ${e.message}\n`));
    await page.goto(workbenchUrl({ port: server.port, folder, extensionDevelopmentPath: devPath, extensionTestsPath: testsPath }));
    const code = await withTimeout(exited, timeoutMs, `${name}: the extension tests to finish (log: ${path.relative(repo, logFile)})`);
    const summary = lines.find((l) => l.startsWith('GONGWEN-E2E-RESULT'));
    result = { code, stats: summary ? JSON.parse(summary.slice('GONGWEN-E2E-RESULT '.length)) : undefined };
  } finally {
    await context.close().catch(() => {});
  }
  if (!result.stats) log(`${name}: no mocha summary received; see ${path.relative(repo, logFile)}`);
  return result;
}

const TAG = '[gongwen-e2e] ';

/** The client's UI test (test/e2e/ui-client.mjs), recorded as the "client" part. */
async function runClientUi(runDir, server) {
  const file = path.join(repo, 'test/e2e/ui-client.mjs');
  if (!existsSync(file)) return;
  const { uiClient } = await import(pathToFileURL(file).href);
  const folder = makeWorkspace(runDir, 'workspace-ui-client');
  const context = await launchBrowser(runDir, 'ui-client');
  const page = await context.newPage();
  const shotsDir = path.join(repo, 'test/e2e/screenshots');
  const t0 = Date.now();
  try {
    const checks = await withTimeout(uiClient({ page, port: server.port, folder, shotsDir, log: (m) => console.log(`  ${m}`) }), 240_000, 'the client UI test');
    record('client', true, `${checks.length} checks, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    await page.screenshot({ path: path.join(shotsDir, 'client-failure.png') }).catch(() => {});
    record('client', false, `${failureLine(e)} (screenshot test/e2e/screenshots/client-failure.png)`);
  } finally {
    await context.close().catch(() => {});
  }
}
const results = [];
function record(part, ok, detail) {
  results.push({ part, ok, detail });
  log(`${ok ? 'PASS' : 'FAIL'} ${part}: ${detail}`);
}

async function main() {
  if (!argv.includes('--no-setup')) run('bash', [path.join(repo, 'scripts/e2e-setup.sh')], 'setup (code-server, playwright-core, Debian packages)');
  let outdir = path.join(repo, 'out/e2e');
  if (!argv.includes('--no-build')) {
    if (!argv.includes('--built')) run('npm', ['run', '--silent', 'build'], 'npm run build');
    outdir = await buildSuite();
    log(`suite compiled to ${path.relative(repo, outdir)}/`);
  }
  const version = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version;
  const vsix = path.join(repo, `gongwen-${version}.vsix`);

  const runDir = makeRunDir();
  log(`run folder ${path.relative(repo, runDir)}/`);

  // code-server with the extension loaded from the repository: the in-editor suite.
  if (only.has('suite')) {
    const server = await startCodeServer({ runDir, name: 'dev' });
    log(`code-server on port ${server.port}`);
    try {
      const folder = makeWorkspace(runDir, 'workspace-suite');
      const t0 = Date.now();
      try {
        const r = await runExtensionTests({
          runDir,
          name: 'suite',
          server,
          folder,
          devPath: repo,
          testsPath: path.join(outdir, 'suite/index.js'),
          timeoutMs: 300_000,
        });
        const s = r.stats;
        const counts = s ? `${s.passes} passing, ${s.failures} failing, ${s.pending} pending` : 'no summary';
        record('suite', r.code === 0 && (!s || s.failures === 0), `${counts}, exit ${r.code}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (e) {
        record('suite', false, e.message);
      }
    } finally {
      await server.stop();
    }
  }

  // The UI tests in a code-server of their own, so nothing of the suite's window carries over; each in a
  // fresh browser profile and workspace copy. (VS Code's display language stays English: a Chinese one
  // needs a language pack, which is not reachable.)
  if (only.has('ui') || only.has('client')) {
    const server = await startCodeServer({ runDir, name: 'ui' });
    try {
      if (only.has('client')) await runClientUi(runDir, server);
      if (only.has('ui')) {
        const folder = makeWorkspace(runDir, 'workspace-ui');
        const context = await launchBrowser(runDir, 'ui');
        const t0 = Date.now();
        const page = await context.newPage();
        const shotsDir = path.join(repo, 'test/e2e/screenshots');
        rmSync(path.join(shotsDir, 'failure.png'), { force: true });
        try {
          const checks = await withTimeout(
            uiSmoke({ page, port: server.port, folder, shotsDir, log: (m) => console.log(`  ${m}`) }),
            180_000,
            'the UI smoke test',
          );
          record('ui', true, `${checks.length} checks, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        } catch (e) {
          await page.screenshot({ path: path.join(shotsDir, 'failure.png') }).catch(() => {});
          record('ui', false, `${failureLine(e)} (screenshot test/e2e/screenshots/failure.png)`);
        } finally {
          await context.close().catch(() => {});
        }
      }
    } finally {
      await server.stop();
    }
  }

  // The packaged extension, installed as a user installs it.
  if (only.has('vsix')) {
    const t0 = Date.now();
    try {
      // Packed after the other parts so that a packaging problem does not hide their results.
      if (!argv.includes('--no-build')) run(process.execPath, [path.join(repo, 'scripts/package.mjs')], `package gongwen-${version}.vsix`);
      if (!existsSync(vsix)) throw new Error(`${path.basename(vsix)} not found; run npm run package`);
      const extensionsDir = path.join(runDir, 'vsix-extensions');
      const userDataDir = path.join(runDir, 'vsix-user-data');
      installExtension({ runDir, name: 'vsix', userDataDir, extensionsDir, vsix });
      process.env.GONGWEN_E2E_EXTENSIONS_DIR = extensionsDir;
      process.env.GONGWEN_E2E_VERSION = version;
      const server = await startCodeServer({ runDir, name: 'vsix', extensionsDir });
      try {
        const folder = makeWorkspace(runDir, 'workspace-vsix');
        const r = await runExtensionTests({
          runDir,
          name: 'vsix',
          server,
          folder,
          devPath: path.join(repo, 'test/e2e/vsix-probe'),
          testsPath: path.join(outdir, 'vsix/index.js'),
          timeoutMs: 120_000,
        });
        const s = r.stats;
        const counts = s ? `${s.passes} passing, ${s.failures} failing` : 'no summary';
        record('vsix', r.code === 0 && (!s || s.failures === 0), `${path.basename(vsix)} installed; ${counts}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        await server.stop();
      }
    } catch (e) {
      record('vsix', false, e.message);
    }
  }
}

let failed = false;
try {
  await main();
} catch (e) {
  console.error(`[e2e] FAILED: ${e.stack ?? e}`);
  failed = true;
}
killAllSync();
console.log(`\n[e2e] summary (${((Date.now() - started) / 1000).toFixed(1)} s):`);
for (const r of results) console.log(`[e2e]   ${r.ok ? 'PASS' : 'FAIL'}  ${r.part.padEnd(5)} ${r.detail}`);
failed ||= results.some((r) => !r.ok) || results.length === 0;
process.exit(failed ? 1 : 0);
