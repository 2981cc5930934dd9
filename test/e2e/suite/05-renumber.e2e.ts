// The renumber command rewrites every outline number in order, keeping the text.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, openUntitled, waitForDiagnostics, waitForText } from './util';

suite('renumber outline', () => {
  teardown(closeAllEditors);

  test('gongwen.renumberOutline renumbers every level of the active document', async () => {
    const before = ['一、总体要求', '（二）指导思想。', '（二）主要目标。', '1.第一项。', '3.第三项。', '三、工作安排', '五、保障措施', ''].join('\n');
    const after = ['一、总体要求', '（一）指导思想。', '（二）主要目标。', '1.第一项。', '2.第三项。', '二、工作安排', '三、保障措施', ''].join('\n');
    const editor = await openUntitled(before);
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => ds.filter((d) => codeOf(d) === 'outline-sequence').length >= 4, 'the sequence findings');
    await vscode.commands.executeCommand('gongwen.renumberOutline');
    await waitForText(doc, (t) => t === after, 'renumbered text');
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'outline-sequence'), 'no sequence finding');
    // One undo step restores the original.
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
  });
});
