// Quick fixes from the light bulb and fix-all.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { fixtureUri, pending, applyCodeAction, closeAllEditors, codeActions, codeOf, describe as show, hasCommand, openUntitled, ours, readFixture, waitFor, waitForDiagnostics, waitForText } from './util';
import { EXACT_FAMILIES, EXAMPLE } from './02-diagnostics.e2e';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('gongwen');

/**
 * The quick fixes offered for a diagnostic: quickfix actions whose edit touches its range. (The API command
 * does not hand back CodeAction.diagnostics, so the link is checked through the edit.)
 */
async function fixesFor(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter(
    (a) =>
      a.kind &&
      vscode.CodeActionKind.QuickFix.contains(a.kind) &&
      a.edit?.get(doc.uri).some((e) => e.range.intersection(d.range) !== undefined),
  );
}

suite('code actions', () => {
  teardown(closeAllEditors);

  test('the quick fix for half-width brackets rewrites the marker and clears the finding', async () => {
    const editor = await openUntitled(await readFixture(EXAMPLE));
    const doc = editor.document;
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'outline-paren-width'), 'the bracket finding');
    const paren = diags.find((d) => codeOf(d) === 'outline-paren-width')!;

    const fixes = await fixesFor(doc, paren);
    const fix = fixes.find((a) => a.isPreferred) ?? fixes[0];
    assert.ok(fix, 'a quick fix for the finding');
    assert.strictEqual(fix.isPreferred, true, 'the mechanical fix is preferred (Ctrl+. → Enter, auto fix)');
    assert.match(fix.title, /（一）/);

    await applyCodeAction(fix);
    await waitForText(doc, (t) => t.split('\n')[21].startsWith('（一）深化审批制度改革'), 'line 22 rewritten');
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'outline-paren-width'), 'the bracket finding gone');
  });

  test('the quick fix for an out-of-sequence number renumbers the list', async () => {
    const editor = await openUntitled(await readFixture(EXAMPLE));
    const doc = editor.document;
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'outline-sequence'), 'the sequence finding');
    const seq = diags.find((d) => codeOf(d) === 'outline-sequence')!;
    const fixes = await fixesFor(doc, seq);
    const fix = fixes.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred quick fix for （四）; got: ${fixes.map((a) => a.title).join(' | ') || '(none)'}`);
    await applyCodeAction(fix);
    await waitForText(doc, (t) => t.split('\n')[15].startsWith('（三）这是转变干部作风'), '（四） became （三）');
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'outline-sequence'), 'no sequence finding');
  });

  test(`fix-all (${FIX_ALL_KIND.value}) fixes every mechanical finding at once`, async () => {
    const editor = await openUntitled(await readFixture(EXAMPLE));
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => ds.filter((d) => EXACT_FAMILIES.test(codeOf(d))).length >= 4, 'the example findings');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(doc.uri, whole, FIX_ALL_KIND.value);
    const fixAll = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
    assert.ok(fixAll, `a ${FIX_ALL_KIND.value} action; got: ${actions.map((a) => `${a.kind?.value} ${a.title}`).join(' | ') || '(none)'}`);
    await applyCodeAction(fixAll);
    const lines = (await waitForText(doc, (t) => t.split('\n')[36].startsWith('三是'), 'fix-all applied')).split('\n');
    assert.ok(lines[15].startsWith('（三）'), lines[15]);
    assert.ok(lines[21].startsWith('（一）'), lines[21]);
    assert.ok(lines[24].startsWith('3.'), lines[24]);
    assert.ok(lines[36].startsWith('三是'), lines[36]);
    const left = await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => EXACT_FAMILIES.test(codeOf(d))), 'no outline or series finding left');
    assert.ok(left.every((d) => !EXACT_FAMILIES.test(codeOf(d))), left.map(show).join('\n'));
  });

  test('the gongwen.fixAll command fixes the active document', async function () {
    if (!(await hasCommand('gongwen.fixAll'))) pending(this, 'gongwen.fixAll is declared but not registered');
    const editor = await openUntitled('一、甲\n（二）乙\n(三)丙\n');
    const doc = editor.document;
    const numbering = (ds: vscode.Diagnostic[]) => ds.filter((d) => EXACT_FAMILIES.test(codeOf(d)));
    await waitForDiagnostics(doc.uri, (ds) => numbering(ds).length >= 2, 'findings');
    await vscode.commands.executeCommand('gongwen.fixAll');
    await waitForText(doc, (t) => t.startsWith('一、甲\n（一）乙\n（二）丙'), 'the document fixed');
    await waitForDiagnostics(doc.uri, (ds) => numbering(ds).length === 0, 'no outline finding left');
  });

  test('fix-all runs on save through editor.codeActionsOnSave', async () => {
    // A throwaway file in the workspace copy: saving it is the point.
    const uri = fixtureUri('on-save.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('一、甲\n三、乙\n(一)丙\n'));
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' });
    const onSave = { [FIX_ALL_KIND.value]: 'explicit' };
    await config.update('codeActionsOnSave', onSave, vscode.ConfigurationTarget.Global, true);
    try {
      // update() resolves once settings.json is written; the editor may read it a moment later. Save before
      // that and no code action runs, as for a user who saves before the setting is in force.
      await waitFor(
        () => JSON.stringify(vscode.workspace.getConfiguration('editor', { languageId: 'plaintext', uri }).get('codeActionsOnSave')) === JSON.stringify(onSave),
        'editor.codeActionsOnSave in force for plaintext',
      );
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const doc = editor.document;
      const sequence = (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'outline-sequence')?.range.start.line;
      await waitForDiagnostics(doc.uri, (ds) => sequence(ds) === 1, 'the findings');
      const fixed = /^\n+一、甲\n二、乙\n（一）丙/;
      // Up to three saves: on this harness, under load, about one run in six to eight saved without the fix
      // although the server had checked the saved text and offered fix-all for it before and after (see
      // test/e2e/README.md). Each attempt is an edit (a line break at the top, which moves the findings, so
      // the check of the edit is seen before saving) and a save; one fixed save is what the test asks for.
      const misses: string[] = [];
      for (let attempt = 1; attempt <= 3 && !fixed.test(doc.getText()); attempt++) {
        const line = sequence(ours(doc.uri))!;
        await editor.edit((b) => b.insert(new vscode.Position(0, 0), '\n'));
        await waitForDiagnostics(doc.uri, (ds) => sequence(ds) === line + 1, 'the findings of the edited text');
        assert.ok(await doc.save(), 'saved');
        try {
          await waitForText(doc, (t) => fixed.test(t), 'fixed on save', 5000);
        } catch (e) {
          // Say what the editor saw, so that a failure on a CI machine can be read without a rerun.
          const offered = await codeActions(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), FIX_ALL_KIND.value);
          const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
          const setting = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext', uri }).get('codeActionsOnSave');
          misses.push(
            `save ${attempt}: ${(e as Error).message}\n  text v${doc.version}${doc.isDirty ? ' (dirty)' : ''}: ${JSON.stringify(doc.getText())}` +
              `\n  on disk: ${JSON.stringify(disk)}\n  codeActionsOnSave for plaintext: ${JSON.stringify(setting)}` +
              `\n  fix-all offered now: ${offered.map((a) => `${a.kind?.value} ${a.title}`).join(' | ') || '(none)'}`,
          );
        }
      }
      if (misses.length) console.log(`[gongwen-e2e]       (fix on save: ${misses.length} save(s) without the fix before one with it)\n${misses.join('\n')}`);
      assert.ok(fixed.test(doc.getText()), misses.join('\n'));
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.ok(fixed.test(onDisk), `the fixed text is what was saved: ${onDisk}`);
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });
});
