// Shared plumbing for the code-server launcher: throwaway folders, code-server processes that are always
// killed, a headless Chromium, and the workbench URL that loads an extension under development.
// See ../README.md and the project doc on running a real VS Code on our machines.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const tools = path.join(repo, '.tools');
export const codeServerEntry = path.join(tools, 'node_modules/code-server/out/node/entry.js');

export const chromiumPath = process.env.GONGWEN_E2E_CHROMIUM || '/usr/bin/chromium';

/** User settings for every test window (see the doc: auto-save would write typed text to the fixtures). */
export const testSettings = {
  'files.autoSave': 'off',
  'git.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'editor.lightbulb.enabled': 'on',
  'window.restoreWindows': 'none',
};

export function log(...args) {
  console.log('[e2e]', ...args);
}

/** Kept here so an exit on a signal or timeout can still kill every process group we started. */
const children = new Set();

function killGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export function killAllSync() {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
}

process.on('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAllSync();
    process.exit(130);
  });
}

/**
 * A fresh run folder under .e2e/ (git-ignored). Folders of earlier runs whose process is gone are removed;
 * the folder of this run stays after it ends so that its logs can be read.
 */
export function makeRunDir() {
  const base = path.join(repo, '.e2e');
  mkdirSync(base, { recursive: true });
  for (const name of readdirSync(base)) {
    const m = /^run-(\d+)$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(path.join(base, name), { recursive: true, force: true });
  }
  const dir = path.join(base, `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copies the fixture workspace (and the example documents) into a new folder of the run. */
export function makeWorkspace(runDir, name) {
  const ws = path.join(runDir, name);
  cpSync(path.join(repo, 'test/e2e/fixtures/workspace'), ws, { recursive: true });
  const examples = path.join(repo, 'examples');
  if (existsSync(examples)) {
    mkdirSync(path.join(ws, 'examples'), { recursive: true });
    for (const f of readdirSync(examples)) {
      if (/\.(txt|md)$/.test(f)) cpSync(path.join(examples, f), path.join(ws, 'examples', f));
    }
  }
  return ws;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Environment for code-server: its config, data and temporary files stay inside the run folder. */
export function isolatedEnv(runDir, name) {
  const env = { ...process.env };
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'TMPDIR']) {
    const dir = path.join(runDir, `${name}-env`, k.toLowerCase());
    mkdirSync(dir, { recursive: true });
    env[k] = dir;
  }
  // Do not let a VS Code terminal or an outer code-server leak into ours.
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('ELECTRON_') || k === 'PASSWORD' || k === 'HASHED_PASSWORD') delete env[k];
  }
  return env;
}

function codeServerArgs(userDataDir, extensionsDir) {
  return [
    codeServerEntry,
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}

/** `code-server --install-extension x.vsix` into the given folders. */
export function installExtension({ runDir, name, userDataDir, extensionsDir, vsix }) {
  const r = spawnSync(process.execPath, [...codeServerArgs(userDataDir, extensionsDir), '--force', '--install-extension', vsix], {
    env: isolatedEnv(runDir, name),
    encoding: 'utf8',
    timeout: 60_000,
  });
  const out = `${r.stdout}\n${r.stderr}`.trim();
  if (r.status !== 0) throw new Error(`installing ${path.basename(vsix)} failed (${r.status ?? r.signal}):\n${out}`);
  return out;
}

/**
 * Starts code-server on a free port with its own user-data and extensions folders and waits until
 * /healthz answers. The returned stop() kills its whole process group (the extension hosts and the
 * language servers stay alive after the browser goes otherwise).
 */
export async function startCodeServer({ runDir, name, extensionsDir, extraArgs = [] }) {
  const userDataDir = path.join(runDir, `${name}-user-data`);
  extensionsDir ??= path.join(runDir, `${name}-extensions`);
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(testSettings, null, 2));

  const port = await freePort();
  const logFile = path.join(runDir, `${name}-code-server.log`);
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, [...codeServerArgs(userDataDir, extensionsDir), ...extraArgs, '--bind-addr', `127.0.0.1:${port}`], {
    // The tests read the extension's output channel from the logs under the user data folder.
    env: { ...isolatedEnv(runDir, name), GONGWEN_E2E_USER_DATA_DIR: userDataDir },
    cwd: runDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout.pipe(out);
  child.stderr.pipe(out);

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${path.relative(repo, logFile)}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz in 30 s; see ${path.relative(repo, logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      return;
    }
    const exited = new Promise((r) => child.once('exit', r));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    // The group may still hold the extension host; make sure it is gone.
    killGroup(child, 'SIGKILL');
    children.delete(child);
  }

  return { port, base, userDataDir, extensionsDir, logFile, stop };
}

/** The workbench URL that opens `folder` with an extension under development and, optionally, tests. */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath, openFile }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (openFile) payload.push(['openFile', remote(openFile)]);
  payload.push(['skipWelcome', 'true']);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const requireTools = createRequire(path.join(tools, 'package.json'));

/** Headless Debian Chromium through playwright-core, with a fresh profile. */
export async function launchBrowser(runDir, name) {
  const { chromium } = requireTools('playwright-core');
  const profile = path.join(runDir, `${name}-browser-profile`);
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    locale: 'zh-CN',
    env: isolatedEnv(runDir, `${name}-browser`),
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-crash-reporter',
      '--disable-breakpad',
    ],
  });
  return context;
}

/**
 * One line for a failed UI step: Playwright's first line ("locator.waitFor: Timeout 30000ms exceeded.") names no
 * element, so the call log's "waiting for locator(...)" line is added: a CI log then says which step failed.
 */
export function failureLine(e) {
  // The call log is dimmed with terminal colour codes.
  const lines = String(e?.message ?? e).replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const waiting = lines.find((l) => /^\s*- waiting for /.test(l));
  return waiting ? `${lines[0]} ${waiting.trim().replace(/^- /, '')}` : lines[0];
}

/** Resolves with the value, or rejects after ms with a message that names what was awaited. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Compiles the in-editor suites (test/e2e/suite, test/e2e/vsix) file by file into out/e2e/ (git-ignored). */
export async function buildSuite() {
  const esbuild = await import(pathToFileURL(path.join(repo, 'node_modules/esbuild/lib/main.js')).href);
  const entryPoints = ['suite', 'vsix'].flatMap((d) =>
    readdirSync(path.join(repo, 'test/e2e', d))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(repo, 'test/e2e', d, f)),
  );
  const outdir = path.join(repo, 'out/e2e');
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir,
    outbase: path.join(repo, 'test/e2e'),
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outdir;
}

/**
 * Picks from VS Code's quick input: opens it with `key`, types `text`, and clicks the row whose label is `label`
 * (a RegExp), not the focused one. The list filters fuzzily and focuses its best guess, which need not be the
 * item asked for (">View: Close Editor" focuses "View: Close All Editor Groups"), and while it is still being
 * filled Enter can open another row. Returns the input box.
 */
export async function pickFromQuickInput(page, key, text, label, timeout = 30_000) {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(text);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  await row.waitFor({ timeout });
  await row.click();
  return input;
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs a command from the palette (F1) by its label, `Category: Title` or the title alone. `closed`: also wait
 * for the palette to close (not for a command that opens a picker of its own).
 */
export async function runCommand(page, title, { closed = false, timeout = 30_000 } = {}) {
  const input = await pickFromQuickInput(page, 'F1', `>${title}`, new RegExp(`(?:^|: )${escapeRegExp(title)}$`), timeout);
  if (closed) await input.waitFor({ state: 'hidden', timeout });
}

/** Opens a workspace file through Quick Open (Ctrl+P) by its name, and waits for its tab to be the active one. */
export async function openFile(page, name, timeout = 30_000) {
  await pickFromQuickInput(page, 'Control+P', name, new RegExp(`^${escapeRegExp(name)}$`), timeout);
  await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout });
}

/** What a browser UI test records: screenshots into shotsDir, and the checks that passed, each logged. */
export function uiRecorder({ page, shotsDir, log }) {
  mkdirSync(shotsDir, { recursive: true });
  const checks = [];
  return {
    checks,
    shot: async (name) => {
      const file = path.join(shotsDir, `${name}.png`);
      await page.screenshot({ path: file });
      log(`screenshot ${path.relative(repo, file)}`);
    },
    ok: (what) => {
      checks.push(what);
      log(`ok - ${what}`);
    },
  };
}
