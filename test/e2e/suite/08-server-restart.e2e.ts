// The language server comes back after it dies, and diagnostics with it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { pending, closeAllEditors, codeOf, hasCommand, openUntitled, serverPids, typeText, waitFor, waitForDiagnostics } from './util';

const seq = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'outline-sequence').map((d) => d.range.start.line).join(',');

suite('server restart', () => {
  teardown(closeAllEditors);

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
