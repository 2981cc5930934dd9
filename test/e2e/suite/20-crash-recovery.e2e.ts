// Crash recovery: the server is killed while the user goes on typing. The client restarts it (RestartPolicy in
// client/src/extension.ts: a short back-off), opens the documents again with the editor's text, and the
// diagnostics come back for what was typed while no server ran. Nothing typed is lost.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { pending, closeAllEditors, codeOf, openUntitled, serverPids, typeText, waitFor, waitForDiagnostics } from './util';

const seq = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'outline-sequence').map((d) => d.range.start.line).join(',');

suite('crash recovery', () => {
  teardown(closeAllEditors);

  test('edits typed while the server is down are checked by the restarted server, and the text is intact', async function () {
    if (process.platform === 'win32') pending(this, 'finding the server process uses ps');
    const editor = await openUntitled('一、甲\n三、乙\n');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => seq(ds) === '1', '三、 flagged');
    const before = await waitFor(() => (serverPids().length ? serverPids() : undefined), 'the server process');
    const t0 = Date.now();
    for (const pid of before) process.kill(pid, 'SIGKILL');
    // Type at once, before a new server can be up: these edits reach no server until the restart.
    await typeText(editor, doc.lineAt(1).range.end, '\n五、丙');
    await typeText(editor, doc.lineAt(2).range.end, '\n七、丁');
    await waitFor(() => serverPids().some((p) => !before.includes(p)), 'a new server process', 20_000);
    await waitForDiagnostics(doc.uri, (ds) => seq(ds) === '1,2,3', 'the restarted server checks the text typed while it was down', 20_000);
    console.log(`      kill to diagnostics of the new text: ${Date.now() - t0} ms`);
    assert.strictEqual(doc.getText(), '一、甲\n三、乙\n五、丙\n七、丁\n');
  });
});
