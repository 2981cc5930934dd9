// Entry point of the in-editor suite (extensionTestsPath): runs every compiled *.e2e.js next to it with
// mocha inside the extension host. Used by both launchers (code-server and @vscode/test-electron).
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import Mocha from 'mocha';

/**
 * Every report line goes out as one pre-formatted string with a tag: code-server forwards the extension
 * host's console to the workbench log as format string and arguments joined by commas, and the launcher
 * picks the tagged lines out of that log.
 */
export const REPORT_TAG = '[gongwen-e2e] ';
Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
  for (const line of format(...args).split('\n')) console.log(REPORT_TAG + line);
};

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}

/** Runs every *.e2e.js in `dir` (sorted by name) and prints one summary line for the launcher. */
export function runMochaIn(dir: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.GONGWEN_E2E_TEST_TIMEOUT) || 30_000,
    grep: process.env.GONGWEN_E2E_GREP || undefined,
  });
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats;
      // One machine-readable line for the launcher's summary.
      console.log(
        REPORT_TAG +
          'GONGWEN-E2E-RESULT ' +
          JSON.stringify({ passes: s?.passes ?? 0, failures: s?.failures ?? failures, pending: s?.pending ?? 0, tests: s?.tests ?? 0 }),
      );
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
