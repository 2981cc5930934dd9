#!/usr/bin/env node
// `npm run test:vscode`: the same in-editor suite as `npm run test:e2e`, in a desktop VS Code through
// @vscode/test-electron. For contributors with internet access: it downloads VS Code from Microsoft (our
// CI machines cannot; CI uses test/e2e/run-code-server.mjs). @vscode/test-electron is installed on demand
// into .tools/test-electron/, not as a dependency of the extension.
//
// Options (environment):
//   VSCODE_VERSION=1.100.3     the VS Code to download (default: stable)
//   VSCODE_EXECUTABLE=/path    use an installed VS Code instead of downloading one
//   GONGWEN_E2E_GREP=pattern   run only the matching tests
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildSuite, log, makeRunDir, makeWorkspace, repo, testSettings, tools } from './lib/harness.mjs';

const TEST_ELECTRON_VERSION = '2.5.2';
const dir = path.join(tools, 'test-electron');
const pkgJson = path.join(dir, 'node_modules/@vscode/test-electron/package.json');

function ensureTestElectron() {
  if (existsSync(pkgJson)) return;
  log(`installing @vscode/test-electron@${TEST_ELECTRON_VERSION} into .tools/test-electron/`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'gongwen-test-electron', private: true, dependencies: { '@vscode/test-electron': TEST_ELECTRON_VERSION } }, null, 2),
  );
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error('installing @vscode/test-electron failed');
}

const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
if (r.status !== 0) process.exit(r.status ?? 1);
const outdir = await buildSuite();
ensureTestElectron();
const { runTests } = createRequire(pkgJson)('@vscode/test-electron');

const runDir = makeRunDir();
const workspace = makeWorkspace(runDir, 'workspace-vscode');
const userDataDir = path.join(runDir, 'vscode-user-data');
mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(testSettings, null, 2));

try {
  const code = await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION || 'stable' }),
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(outdir, 'suite/index.js'),
    launchArgs: [
      workspace,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      path.join(runDir, 'vscode-extensions'),
      '--disable-extensions', // other installed extensions; the one under development stays
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
    extensionTestsEnv: { GONGWEN_E2E_GREP: process.env.GONGWEN_E2E_GREP ?? '' },
  });
  process.exit(code);
} catch (e) {
  console.error(`[e2e] test:vscode failed: ${e?.message ?? e}`);
  console.error('[e2e] (this launcher needs to download VS Code, or VSCODE_EXECUTABLE; offline, use npm run test:e2e)');
  process.exit(1);
}
