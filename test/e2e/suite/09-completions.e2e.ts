// Snippets and completions for 公文 structure.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { pending, closeAllEditors, extension, openUntitled } from './util';

suite('completions', () => {
  teardown(closeAllEditors);

  test('snippets contributed for plaintext are offered by completion', async function () {
    const snippets: { language: string; path: string }[] = extension().packageJSON.contributes?.snippets ?? [];
    const forPlaintext = snippets.filter((s) => s.language === 'plaintext');
    if (!forPlaintext.length) pending(this, 'the extension contributes no plaintext snippets yet');
    const editor = await openUntitled('\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(0, 0),
    );
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
    assert.ok(ours.length > 0, `snippet completions offered; got ${list.items.length} items`);
  });
});
