// Settings take effect at once, without reloading the window.
import * as assert from 'assert';
import { closeAllEditors, codeOf, extension, openFixture, setting, waitForDiagnostics } from './util';

const hasLevelSkip = (ds: { code?: unknown }[]) => ds.some((d) => codeOf(d as never) === 'outline-level-skip');

suite('settings', () => {
  suiteTeardown(async () => {
    await setting('gongwen.rules', 'outlineLevelSkip', undefined);
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
});
