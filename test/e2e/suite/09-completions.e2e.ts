// Completion: the outline continues with the next marker; snippets once contributed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openUntitled, pending, typeText, waitForDiagnostics } from './util';

async function complete(doc: vscode.TextDocument, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, trigger);
  return list.items;
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const bySort = (a: vscode.CompletionItem, b: vscode.CompletionItem) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b));

suite('completions', () => {
  teardown(closeAllEditors);

  test('on an empty line after （二） the next markers are offered: （三） first, then 1. and 二、', async () => {
    const editor = await openUntitled('一、总体要求\n\n（一）指导思想。坚持稳中求进。\n\n（二）基本原则。坚持问题导向。\n\n');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, () => true, 'the server to see the document');
    const items = (await complete(doc, new vscode.Position(6, 0))).filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).sort(bySort);
    assert.deepStrictEqual(items.map(label).slice(0, 3), ['（三）', '1.', '二、']);
    assert.ok(items[0].detail, 'the item says how it relates to the outline');
  });

  test('typing （ offers the bracketed markers and accepting one replaces the （', async () => {
    const editor = await openUntitled('一、总体要求\n（一）指导思想。\n');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, () => true, 'the server to see the document');
    await typeText(editor, new vscode.Position(2, 0), '（');
    const items = (await complete(doc, new vscode.Position(2, 1), '（')).sort(bySort);
    const next = items.find((i) => label(i) === '（二）');
    assert.ok(next, `（二） offered after （; got ${items.map(label).join(' ')}`);
    // Apply it as the editor does: its text edit replaces the typed （.
    const edit = next.textEdit ?? (next.range ? new vscode.TextEdit(next.range instanceof vscode.Range ? next.range : next.range.replacing, String(next.insertText ?? label(next))) : undefined);
    assert.ok(edit, 'the item carries its replacement range');
    await editor.edit((b) => b.replace(edit.range, edit.newText));
    assert.strictEqual(doc.lineAt(2).text, '（二）');
  });

  test('snippets contributed for plaintext are offered by completion', async function () {
    const snippets: { language: string; path: string }[] = extension().packageJSON.contributes?.snippets ?? [];
    const forPlaintext = snippets.filter((s) => s.language === 'plaintext');
    if (!forPlaintext.length) pending(this, 'the extension contributes no plaintext snippets yet');
    const editor = await openUntitled('\n');
    const items = await complete(editor.document, new vscode.Position(0, 0));
    const ours = items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
    assert.ok(ours.length > 0, `snippet completions offered; got ${items.length} items`);
  });
});
