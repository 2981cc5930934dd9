// The language server comes back after it dies, and diagnostics with it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { pending, closeAllEditors, codeOf, extension, hasCommand, openUntitled, serverPids, typeText, waitFor, waitForDiagnostics } from './util';

const seq = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'outline-sequence').map((d) => d.range.start.line).join(',');

suite('server restart', () => {
  teardown(closeAllEditors);

  test('the server runs with the V8 flags and environment server/launch.json gives', async function () {
    if (process.platform !== 'linux') pending(this, 'reads the server process from /proc');
    const launch: { execArgv: string[]; env: Record<string, string>; unsetEnv: string[] } = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, 'server', 'launch.json'), 'utf8'));
    const present = launch.unsetEnv.filter((k) => process.env[k] !== undefined);
    if (!present.length) pending(this, `the extension host has none of ${launch.unsetEnv.join(', ')} to leave out`);
    await openUntitled('一、甲\n');
    const [pid] = await waitFor(() => (serverPids().length ? serverPids() : undefined), 'the server process');
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const flag of launch.execArgv) assert.ok(args.includes(flag), `${flag} not in the server's command line: ${args.join(' ')}`);
    const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const names = environ.map((e) => e.slice(0, e.indexOf('=')));
    for (const k of present) assert.ok(!names.includes(k), `${k} is set in the extension host and must not reach the server`);
    for (const [k, v] of Object.entries(launch.env)) assert.ok(environ.includes(`${k}=${v}`), `${k}=${v} not in the server's environment`);
    assert.ok(names.includes('PATH'), 'the rest of the environment reaches the server');
  });

  test('after the server is killed a new one starts and diagnostics follow edits again', async function () {
    if (process.platform === 'win32') pending(this, 'finding the server process uses ps');
    const editor = await openUntitled('一、甲\n三、乙\n');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => seq(ds) === '1', '三、 flagged');
    const before = await waitFor(() => (serverPids().length ? serverPids() : undefined), 'the server process');
    for (const pid of before) process.kill(pid, 'SIGKILL');
    // The client starts a new server process.
    await waitFor(() => serverPids().some((p) => !before.includes(p)), 'a new server process', 20_000);
    // The new server knows the open document: an edit is checked again.
    await typeText(editor, doc.lineAt(1).range.end, '\n五、丙');
    await waitForDiagnostics(doc.uri, (ds) => seq(ds) === '1,2', '三、 and 五、 flagged by the new server', 20_000);
  });

  test('the restart command brings the server back', async function () {
    const cmd = (await vscode.commands.getCommands(true)).find((c) => /^gongwen\.restart(Server)?$/.test(c));
    if (!cmd) pending(this, 'no gongwen.restartServer command registered yet');
    const editor = await openUntitled('一、甲\n三、乙\n');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => seq(ds) === '1', '三、 flagged');
    const before = serverPids();
    await vscode.commands.executeCommand(cmd);
    if (before.length) await waitFor(() => serverPids().some((p) => !before.includes(p)), 'a new server process', 20_000);
    await typeText(editor, doc.lineAt(1).range.end, '\n五、丙');
    await waitForDiagnostics(doc.uri, (ds) => seq(ds) === '1,2', 'diagnostics from the restarted server', 20_000);
    assert.ok(await hasCommand(cmd));
  });
});
