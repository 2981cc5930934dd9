// The installed .vsix, as a user gets it, activates and reports diagnostics.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { extension, openFixture, waitFor, waitForDiagnostics } from '../suite/util';

suite('installed .vsix', () => {
  test('is installed from the package, not loaded from the repository', () => {
    const ext = extension();
    const installedIn = process.env.GONGWEN_E2E_EXTENSIONS_DIR;
    assert.ok(installedIn, 'the launcher passes the extensions folder');
    assert.strictEqual(path.dirname(ext.extensionPath), installedIn, `extension path ${ext.extensionPath}`);
    assert.strictEqual(ext.packageJSON.version, process.env.GONGWEN_E2E_VERSION);
  });

  test('activates on a plaintext document and reports the example findings', async () => {
    const ext = extension();
    // (It may be active already: its views in the Explorer activate it when the workbench shows them.)
    const editor = await openFixture('examples/speech.txt');
    await waitFor(() => ext.isActive, 'activation');
    const diags = await waitForDiagnostics(editor.document.uri, (ds) => ds.length >= 4, 'diagnostics from the packaged server');
    assert.ok(diags.every((d) => d.source === 'gongwen'));
    const syms = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    // The 正文 tree's three sections, besides the 公文 elements (Key symbols) that frame them.
    const sections = (syms ?? []).filter((s) => s.kind !== vscode.SymbolKind.Key).map((s) => s.name.slice(0, 2));
    assert.deepStrictEqual(sections, ['一、', '二、', '三、']);
  });
});
