// Settings take effect at once, without reloading the window.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, extension, fixtureUri, openFixture, openUntitled, outputChannelLog, pending, setting, waitFor, waitForDiagnostics } from './util';

const contributed = (key: string) => key in (extension().packageJSON.contributes?.configuration?.properties ?? {});

const hasLevelSkip = (ds: { code?: unknown }[]) => ds.some((d) => codeOf(d as never) === 'outline-level-skip');

suite('settings', () => {
  suiteTeardown(async () => {
    await setting('gongwen.rules', 'outlineLevelSkip', undefined);
    await setting('gongwen', 'languages', undefined);
    if (contributed('gongwen.severity')) await setting('gongwen', 'severity', undefined);
    await closeAllEditors();
  });

  test('turning gongwen.rules.outlineLevelSkip off removes the finding; turning it on brings it back', async () => {
    const props = extension().packageJSON.contributes?.configuration?.properties ?? {};
    assert.ok('gongwen.rules.outlineLevelSkip' in props, 'the setting is contributed');
    const editor = await openFixture('level-skip.txt');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, hasLevelSkip, 'the level-skip finding');
    await setting('gongwen.rules', 'outlineLevelSkip', false);
    await waitForDiagnostics(uri, (ds) => !hasLevelSkip(ds), 'the finding gone after the setting was turned off');
    await setting('gongwen.rules', 'outlineLevelSkip', undefined);
    await waitForDiagnostics(uri, hasLevelSkip, 'the finding back after the setting was reset');
  });

  test('gongwen.languages without markdown stops checking Markdown; restoring it brings the findings back, and no error is logged', async function () {
    assert.ok(contributed('gongwen.languages'));
    if (outputChannelLog() === undefined) pending(this, 'the output channel log is not known (GONGWEN_E2E_USER_DATA_DIR)');
    const logBefore = outputChannelLog()!.length;
    const editor = await openFixture('notes.md');
    const uri = editor.document.uri;
    const has = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'outline-sequence');
    await waitForDiagnostics(uri, has, 'the finding in notes.md');
    await setting('gongwen', 'languages', ['plaintext']);
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no findings in Markdown once it is not checked', 20_000);
    // The client restarts with the new languages; once it checks plaintext again the restart is over.
    // (Changing the setting again while a restart is under way is a separate, racy case.)
    const probe = await openUntitled('一、甲\n三、乙\n');
    await waitForDiagnostics(probe.document.uri, has, 'plaintext checked by the restarted client', 20_000);
    await vscode.window.showTextDocument(editor.document);
    await setting('gongwen', 'languages', undefined);
    await waitForDiagnostics(uri, has, 'the finding back with the default languages', 20_000);
    // Neither restart logged an error: the client being replaced sends no settings change to its server.
    const api = (await extension().activate()) as { client: () => { info(message: string): void } | undefined };
    const marker = `e2e: languages restarted ${Date.now()}`;
    api.client()?.info(marker);
    const log = await waitFor(() => (outputChannelLog()?.includes(marker) ? outputChannelLog() : undefined), 'the output channel written to its log');
    const errors = log!.slice(logBefore).split('\n').filter((l) => /\[error\]/i.test(l));
    assert.deepStrictEqual(errors, [], 'errors in the output channel while gongwen.languages changed');
  });

  test('gongwen.severity turns one code off and changes the severity of another', async function () {
    if (!contributed('gongwen.severity')) pending(this, 'no gongwen.severity setting contributed yet');
    const editor = await openFixture('level-skip.txt');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'outline-level-skip'), 'the level-skip finding');
    await setting('gongwen', 'severity', { 'outline-level-skip': 'warning' });
    await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => codeOf(d) === 'outline-level-skip' && d.severity === vscode.DiagnosticSeverity.Warning),
      'the finding as a warning',
    );
    await setting('gongwen', 'severity', { 'outline-level-skip': 'off' });
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'outline-level-skip'), 'the finding off');
    await setting('gongwen', 'severity', undefined);
    await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => codeOf(d) === 'outline-level-skip' && d.severity === vscode.DiagnosticSeverity.Information),
      'the finding back at its default severity',
    );
  });

  test('a .gongwenrc.json next to the documents wins over the settings, and its removal is seen too', async () => {
    const editor = await openFixture('level-skip.txt');
    const uri = editor.document.uri;
    const has = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'outline-level-skip');
    await waitForDiagnostics(uri, has, 'the level-skip finding');
    const rc = fixtureUri('.gongwenrc.json');
    await vscode.workspace.fs.writeFile(rc, new TextEncoder().encode(JSON.stringify({ severity: { 'outline-level-skip': 'off' } })));
    try {
      await waitForDiagnostics(uri, (ds) => !has(ds), 'the finding off by .gongwenrc.json', 20_000);
    } finally {
      await vscode.workspace.fs.delete(rc);
    }
    await waitForDiagnostics(uri, has, 'the finding back once .gongwenrc.json is gone', 20_000);
  });
});
