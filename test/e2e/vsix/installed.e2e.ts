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
    assert.strictEqual(ext.isActive, false, 'not active before a document is opened');
    const editor = await openFixture('examples/speech.txt');
    await waitFor(() => ext.isActive, 'activation');
    const diags = await waitForDiagnostics(editor.document.uri, (ds) => ds.length >= 4, 'diagnostics from the packaged server');
    assert.ok(diags.every((d) => d.source === 'gongwen'));
    const syms = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.strictEqual(syms?.length, 3, 'three level-1 sections in the outline');
  });
});
