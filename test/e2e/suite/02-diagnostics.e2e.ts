// The example speech gets exactly the findings a reviewer would mark, with the right ranges and severities.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, describe as show, openFixture, waitForDiagnostics } from './util';

export const EXAMPLE = 'examples/speech.txt';

/** The outline and series findings in the example ("line:char-line:char severity code", 0-based). */
export const EXAMPLE_FINDINGS = [
  '15:0-15:3 error outline-sequence', // （四） after （二）
  '21:0-21:3 warning outline-paren-width', // (一) with half-width brackets
  '24:0-24:2 warning outline-marker-punct', // 3、 instead of 3.
  '26:67-26:69 warning series-style', // 三要 in a series that opened with 一是
  '36:0-36:2 warning series-sequence', // 四是 after 二是
];

/** Codes of the families whose findings in the example are listed exactly above. */
export const EXACT_FAMILIES = /^(outline|series)-/;

suite('diagnostics', () => {
  suiteTeardown(closeAllEditors);

  test('the example speech has the expected findings with codes, ranges and severities', async () => {
    const editor = await openFixture(EXAMPLE);
    const doc = editor.document;
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.filter((d) => EXACT_FAMILIES.test(codeOf(d))).length >= EXAMPLE_FINDINGS.length,
      'the example findings',
    );
    const exact = diags.filter((d) => EXACT_FAMILIES.test(codeOf(d)));
    assert.deepStrictEqual(exact.map(show).sort(), [...EXAMPLE_FINDINGS].sort());

    for (const d of diags) {
      assert.strictEqual(d.source, 'gongwen');
      // Chinese unless the display language is English (code-server's default UI language).
      const english = /^en/i.test(vscode.env.language);
      assert.ok(english || /[\u4e00-\u9fff]{4}/.test(d.message.replace(/“[^”]*”|"[^"]*"|（[^）]*）/g, '')), `message language: ${d.message}`);
      assert.ok(d.range.end.isAfter(d.range.start), `non-empty range: ${show(d)}`);
      assert.ok(d.range.end.line < doc.lineCount, `range inside the document: ${show(d)}`);
    }

    // The finding covers exactly the marker as written.
    const paren = exact.find((d) => codeOf(d) === 'outline-paren-width')!;
    assert.strictEqual(doc.getText(paren.range), '(一)');
    const seq = exact.find((d) => codeOf(d) === 'outline-sequence')!;
    assert.strictEqual(doc.getText(seq.range), '（四）');
    assert.match(seq.message, /（三）/, 'the message says what the number should be');
    // The previous item is linked as related information.
    const related = seq.relatedInformation ?? [];
    assert.ok(related.some((r) => r.location.range.start.line === 13), 'related information points at （二）');
    const series = exact.find((d) => codeOf(d) === 'series-sequence')!;
    assert.strictEqual(doc.getText(series.range), '四是');
    const style = exact.find((d) => codeOf(d) === 'series-style')!;
    assert.strictEqual(doc.getText(style.range), '三要');
  });

  test('the cursor on an overused phrase highlights every occurrence of its family', async () => {
    const editor = await openFixture(EXAMPLE);
    const doc = editor.document;
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'cliche-overused'), 'an overused phrase');
    const overused = diags.find((d) => codeOf(d) === 'cliche-overused')!;
    // Its other occurrences are not related locations: the message names their lines, the highlights show them.
    assert.strictEqual(overused.relatedInformation, undefined);
    const times = Number(/出现 (\d+) 次|appear (\d+) times/.exec(overused.message)?.slice(1).find(Boolean));
    const lit = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, overused.range.start);
    assert.strictEqual(lit?.length, times, `one highlight per occurrence counted: ${overused.message}`);
    assert.ok(lit.some((h) => h.range.isEqual(overused.range)), 'the occurrence under the cursor is one of them');
    // Each is a stock phrase of the same family (坚定不移…), marked where it stands: by a hint, or as overused
    // (one diagnostic there, not a hint under the warning).
    for (const h of lit) {
      assert.match(doc.getText(h.range), /^坚定不移/);
      const here = diags.filter((d) => d.range.isEqual(h.range) && codeOf(d).startsWith('cliche')).map(codeOf);
      assert.deepStrictEqual(here, [h.range.isEqual(overused.range) ? 'cliche-overused' : 'cliche'], doc.getText(h.range));
    }
  });

  test('severities map to VS Code severities', async () => {
    const editor = await openFixture(EXAMPLE);
    const diags = await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'the example findings');
    const bySeverity = (code: string) => diags.find((d) => codeOf(d) === code)?.severity;
    assert.strictEqual(bySeverity('outline-sequence'), vscode.DiagnosticSeverity.Error);
    assert.strictEqual(bySeverity('outline-paren-width'), vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(bySeverity('series-sequence'), vscode.DiagnosticSeverity.Warning);
  });

  test('a two-level document gets an information finding for the skipped level', async () => {
    const editor = await openFixture('level-skip.txt');
    const diags = await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'findings in level-skip.txt');
    assert.deepStrictEqual(diags.map(show), ['1:0-1:2 information outline-level-skip']);
  });
});
