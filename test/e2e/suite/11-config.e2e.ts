// .gongwenrc.json in a real editor: a broken file shows a diagnostic on the file itself, and the quick fix
// "turn this rule off in the workspace" writes the file and the finding goes, without a reload.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyCodeAction, closeAllEditors, codeActions, codeOf, fixtureUri, openFixture, SOURCE, waitFor, waitForDiagnostics } from './util';

const hasLevelSkip = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'outline-level-skip');

async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri);
  } catch {
    // not there
  }
}

suite('configuration file', () => {
  const rc = () => fixtureUri('.gongwenrc.json');

  teardown(async () => {
    await closeAllEditors();
    await remove(rc());
  });

  test('a broken .gongwenrc.json gets a diagnostic on the file, naming the line; checking goes on', async () => {
    const editor = await openFixture('level-skip.txt');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, hasLevelSkip, 'the level-skip finding');
    const text = '{\n  // 本单位\n  "severity": {\n    "outline-level-skipp": "off"\n  }\n}\n';
    await vscode.workspace.fs.writeFile(rc(), new TextEncoder().encode(text));
    const onFile = await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(rc()).filter((d) => d.source === SOURCE);
      return ds.length ? ds : undefined;
    }, 'a diagnostic on .gongwenrc.json', 20_000);
    assert.strictEqual(onFile.length, 1);
    assert.strictEqual(onFile[0].range.start.line, 3);
    assert.match(onFile[0].message, /outline-level-skipp/);
    // The unknown code is left out; the document is still checked with the defaults.
    assert.ok(hasLevelSkip(vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE)));
    await vscode.workspace.fs.writeFile(rc(), new TextEncoder().encode('{ "severity": { "outline-level-skip": "off" } }'));
    await waitFor(() => vscode.languages.getDiagnostics(rc()).filter((d) => d.source === SOURCE).length === 0, 'the file diagnostic cleared', 20_000);
    await waitForDiagnostics(uri, (ds) => !hasLevelSkip(ds), 'the finding off by the fixed file', 20_000);
  });

  test('the quick fix "turn this rule off in the workspace" creates .gongwenrc.json and the finding goes', async () => {
    const editor = await openFixture('level-skip.txt');
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, hasLevelSkip, 'the level-skip finding');
    const d = ds.find((x) => codeOf(x) === 'outline-level-skip')!;
    const actions = await codeActions(uri, d.range);
    const off = actions.find((a) => /outline-level-skip/.test(a.title) && /\.gongwenrc\.json/.test(a.title) && !/允许|Allow/.test(a.title));
    assert.ok(off, `the action is offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => /在此行忽略 outline-level-skip|Ignore outline-level-skip on this line/.test(a.title)));
    await applyCodeAction(off!);
    // A refactoring edit to a closed file is saved by VS Code (files.refactoring.autoSave); save it in any case.
    const cfg = vscode.workspace.textDocuments.find((t) => t.uri.toString() === rc().toString());
    if (cfg?.isDirty) await cfg.save();
    await waitForDiagnostics(uri, (x) => !hasLevelSkip(x), 'the finding gone once the file is written', 20_000);
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(rc()));
    assert.match(written, /"outline-level-skip": "off"/);
  });
});
