// The extension activates for the languages it declares and leaves others alone.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, extension, fixtureUri, openFixture, ours, waitFor, waitForDiagnostics } from './util';

suite('activation', () => {
  suiteTeardown(closeAllEditors);

  test('is loaded from the repository and declares plaintext and markdown activation', () => {
    const ext = extension();
    const events: string[] = ext.packageJSON.activationEvents ?? [];
    assert.ok(events.includes('onLanguage:plaintext'), 'onLanguage:plaintext missing');
    assert.ok(events.includes('onLanguage:markdown'), 'onLanguage:markdown missing');
  });

  test('activates on a Markdown document and reports findings in it (not in fenced code)', async () => {
    const ext = extension();
    // (It can be active before this test: its views in the Explorer activate it when the workbench shows
    // them.)
    const editor = await openFixture('notes.md');
    assert.strictEqual(editor.document.languageId, 'markdown');
    await waitFor(() => ext.isActive, 'activation by a markdown document');
    const diags = await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'diagnostics in notes.md');
    const seq = diags.filter((d) => d.code === 'outline-sequence' || (typeof d.code === 'object' && d.code.value === 'outline-sequence'));
    assert.deepStrictEqual(
      seq.map((d) => d.range.start.line),
      [6],
      'only （三） on line 7 is out of sequence; （九） inside the code fence is not prose',
    );
  });

  test('reports findings in a plaintext file and in an unsaved plaintext document', async () => {
    const editor = await openFixture('level-skip.txt');
    assert.strictEqual(editor.document.languageId, 'plaintext');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'diagnostics in level-skip.txt');

    const untitled = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '一、总体要求\n三、工作安排\n' });
    await vscode.window.showTextDocument(untitled);
    const diags = await waitForDiagnostics(untitled.uri, (ds) => ds.length > 0, 'diagnostics in an untitled document');
    assert.strictEqual(diags[0].range.start.line, 1);
  });

  test('leaves documents of other languages alone', async () => {
    const other = await openFixture('other.ini');
    assert.notStrictEqual(other.document.languageId, 'plaintext');
    assert.notStrictEqual(other.document.languageId, 'markdown');
    // Open a checked document after it: once that one has its findings, the server has seen both.
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '一、甲\n（二）乙\n' });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'diagnostics in the plaintext document opened after other.ini');
    assert.deepStrictEqual(ours(fixtureUri('other.ini')), []);
  });
});
