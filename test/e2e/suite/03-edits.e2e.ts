// Diagnostics follow the user's typing: a wrong marker is flagged as it is typed and cleared once fixed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, describe as show, openUntitled, readFixture, typeText, waitForDiagnostics } from './util';
import { EXACT_FAMILIES, EXAMPLE } from './02-diagnostics.e2e';

const seqLines = (ds: vscode.Diagnostic[]) =>
  ds
    .filter((d) => codeOf(d) === 'outline-sequence')
    .map((d) => d.range.start.line)
    .join(',');

suite('diagnostics follow edits', () => {
  suiteTeardown(closeAllEditors);

  test('typing a wrong marker flags it; correcting it clears the findings of the section', async () => {
    const editor = await openUntitled(await readFixture(EXAMPLE));
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => seqLines(ds) === '15', '（四） on line 16 flagged');

    // After the （二） paragraph (line 14), type a new paragraph numbered （五）.
    const endOfEr = doc.lineAt(13).range.end;
    await typeText(editor, endOfEr, '\n\n（五）这是新增的一条。');
    assert.ok(doc.lineAt(15).text.startsWith('（五）'), `typed text landed on line 16: ${doc.lineAt(15).text}`);
    // Now （五） (line 16) should be （三）, and （四） (moved to line 18) is right again.
    let diags = await waitForDiagnostics(doc.uri, (ds) => seqLines(ds) === '15', '（五） flagged and （四） no longer');
    const five = diags.find((d) => codeOf(d) === 'outline-sequence')!;
    assert.strictEqual(doc.getText(five.range), '（五）');
    assert.match(five.message, /（三）/);

    // Correct it by typing over the numeral.
    editor.selection = new vscode.Selection(15, 1, 15, 2);
    await vscode.commands.executeCommand('type', { text: '三' });
    assert.ok(doc.lineAt(15).text.startsWith('（三）'));
    diags = await waitForDiagnostics(doc.uri, (ds) => seqLines(ds) === '', 'no outline-sequence finding left');
    const numbering = diags.filter((d) => EXACT_FAMILIES.test(codeOf(d)));
    assert.ok(!numbering.some((d) => d.range.start.line >= 7 && d.range.start.line <= 17), `section 一 is clean: ${numbering.map(show)}`);
  });

  test('deleting a line renumbers the findings of the lines below it', async () => {
    const editor = await openUntitled('一、甲\n（一）子项。\n（二）子项。\n（四）子项。\n');
    const doc = editor.document;
    const numbering = (ds: vscode.Diagnostic[]) => ds.filter((d) => EXACT_FAMILIES.test(codeOf(d))).map(show).join();
    await waitForDiagnostics(doc.uri, (ds) => numbering(ds) === '3:0-3:3 error outline-sequence', '（四） flagged');
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 1, 0)));
    // Without its parent the （…） items are a top-level list; （四） is still wrong, one line up.
    await waitForDiagnostics(doc.uri, (ds) => numbering(ds) === '2:0-2:3 error outline-sequence', '（四） flagged on its new line');
  });
});
