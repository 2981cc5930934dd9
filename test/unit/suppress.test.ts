// gongwen-disable… comments, gongwen-allow, allowed patterns, and the edits the ignore quick fixes make.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, checkText, CheckOptions, DocFormat, GwDocument } from '../../server/src/core';
import { allowPhraseEdit, compileAllowPattern, ignoreLineEdit, parseDirectives, patternProblem } from '../../server/src/core/suppress';

/** "line code" (0-based lines) of every finding. */
function found(text: string, format: DocFormat = 'plaintext', options: Partial<CheckOptions> = {}): string[] {
  return checkText(text, format, options)
    .findings.map((f) => `${f.range.start.line} ${f.code}`)
    .sort();
}

const SPEECH = ['一、总体要求', '要进一步加强管理，推动高质量发展。', '三、保障措施', ''];
const doc = (...lines: string[]) => lines.join('\n');

describe('suppression comments', () => {
  it('the document we suppress in has the findings we expect', () => {
    assert.deepStrictEqual(found(doc(...SPEECH)), ['1 cliche', '1 cliche', '2 outline-sequence']);
  });

  it('%% gongwen-disable-next-line <code> silences that code on the next line only', () => {
    const text = doc('一、总体要求', '%% gongwen-disable-next-line cliche', '要进一步加强管理，推动高质量发展。', '三、保障措施', '要进一步加强管理。');
    assert.deepStrictEqual(found(text), ['3 outline-sequence', '4 cliche', '4 repeat-nearby']);
  });

  it('without codes it silences every code, and it skips other directive lines above the target', () => {
    const text = doc('一、总体要求', '%% gongwen-disable-next-line', '%% gongwen-disable-next-line repeat-nearby', '三、要进一步加强管理', '');
    assert.deepStrictEqual(found(text), []);
    assert.deepStrictEqual(found(doc('一、总体要求', '三、要进一步加强管理', '')), ['1 cliche', '1 outline-sequence']);
  });

  it('the HTML comment form works in plain text and in Markdown', () => {
    const lines = ['一、总体要求', '<!-- gongwen-disable-next-line cliche -->', '要进一步加强管理，推动高质量发展。', '三、保障措施', ''];
    assert.deepStrictEqual(found(doc(...lines)), ['3 outline-sequence']);
    assert.deepStrictEqual(found(doc(...lines), 'markdown'), ['3 outline-sequence']);
  });

  it('gongwen-disable-line trails the text it silences', () => {
    const text = doc('一、总体要求', '要进一步加强管理，推动高质量发展。<!-- gongwen-disable-line cliche -->', '三、保障措施 %% gongwen-disable-line outline-sequence', '');
    assert.deepStrictEqual(found(text), []);
    assert.deepStrictEqual(found(text, 'markdown'), ['2 outline-sequence'], 'the %% form is plain text only');
  });

  it('gongwen-disable … gongwen-enable switches codes off for a stretch; enable with a code brings back just that code', () => {
    const text = doc('%% gongwen-disable', '一、总体要求', '要进一步加强管理。', '%% gongwen-enable cliche', '三、要进一步加强管理', '%% gongwen-enable', '五、要进一步加强管理', '');
    // Line 4: only cliche is back; line 6: everything is back.
    assert.deepStrictEqual(found(text, 'plaintext', { overuseThreshold: 10 }), ['4 cliche', '6 cliche', '6 outline-sequence']);
  });

  it('codes may be separated by commas and spaces', () => {
    const text = doc('一、总体要求', '%% gongwen-disable-next-line outline-sequence, cliche', '三、要进一步加强管理', '');
    assert.deepStrictEqual(found(text), []);
  });

  it('gongwen-allow hides the phrases it names (and families) anywhere in the document, nothing else', () => {
    const text = doc('%% gongwen-allow 推动高质量发展', ...SPEECH);
    assert.deepStrictEqual(found(text), ['2 cliche', '3 outline-sequence']);
    const fam = doc('<!-- gongwen-allow 进一步{加强|深化} 推动高质量发展 -->', ...SPEECH);
    assert.deepStrictEqual(found(fam), ['3 outline-sequence']);
    // Phrases are separated by spaces only: punctuation belongs to the phrase.
    const duty = doc('%% gongwen-allow 各司其职、各负其责', '要各司其职、各负其责。', '');
    assert.deepStrictEqual(found(duty), []);
    assert.deepStrictEqual(found(doc('要各司其职、各负其责。', '')), ['0 cliche']);
    // As in the configured allow list, an allowed phrase masks what lies inside it, not longer phrases.
    assert.deepStrictEqual(found(doc('%% gongwen-allow 高质量发展', ...SPEECH)), ['2 cliche', '2 cliche', '3 outline-sequence']);
  });

  it('a line holding only directives produces no finding itself', () => {
    // The same words as text: a half-width comma between Chinese words is a finding.
    const words = '高质量发展,进一步加强';
    assert.ok(found(doc(words, '')).includes('0 punct-halfwidth'));
    assert.deepStrictEqual(found(doc(`%% gongwen-allow ${words}`, '')), []);
    assert.deepStrictEqual(found(doc(`<!-- gongwen-allow ${words} -->`, '')), []);
  });

  it('does not take ordinary text for a directive', () => {
    assert.deepStrictEqual(parseDirectives(new GwDocument(doc('完成率达到 100%% 以上', 'gongwen-disable 是一个词', '<!-- 注释 -->'))), []);
  });
});

describe('allowed patterns (/…/ in allow)', () => {
  it('hide the flagged phrases they match', () => {
    assert.deepStrictEqual(found(doc(...SPEECH), 'plaintext', { allow: ['/^进一步/'] }), ['1 cliche', '2 outline-sequence']);
    assert.deepStrictEqual(found(doc(...SPEECH), 'plaintext', { allow: ['/进一步(加强|深化)|高质量/'] }), ['2 outline-sequence']);
  });

  it('are rejected when they could backtrack without end, with a reason', () => {
    for (const bad of ['/(进一步+)+/', '/(a|aa)*b/', '/(\\w+\\s?)*$/', '/(进)\\1/', '/(?<x>a)\\k<x>/', '/[/', `/${'a'.repeat(201)}/`]) {
      assert.ok(patternProblem(bad), `${bad} is rejected`);
      assert.strictEqual(compileAllowPattern(bad), undefined, `${bad} is never compiled for use`);
    }
    // A rejected pattern hides nothing.
    assert.deepStrictEqual(found(doc(...SPEECH), 'plaintext', { allow: ['/(进一步+)+/'] }), ['1 cliche', '1 cliche', '2 outline-sequence']);
  });

  it('accept ordinary patterns', () => {
    for (const ok of ['/^进一步/', '/进一步(加强|深化)/', '/[甲乙]{2,4}/', '/(?:加强)?管理/i', '/a+b*c?/']) assert.strictEqual(patternProblem(ok), undefined, ok);
  });
});

describe('ignore quick-fix edits', () => {
  it('ignore on this line: a disable-next-line comment above, indented like the line, in the file\'s own form', () => {
    const text = doc('一、总体要求', '　　要进一步加强管理。', '');
    const d = new GwDocument(text);
    const e = ignoreLineEdit(d, 1, 'cliche');
    const after = applyEdits(d, [e]);
    assert.strictEqual(after, doc('一、总体要求', '　　%% gongwen-disable-next-line cliche', '　　要进一步加强管理。', ''));
    assert.deepStrictEqual(found(after), []);
    const md = new GwDocument(text.replace(/\n/g, '\r\n'), 'markdown');
    assert.strictEqual(applyEdits(md, [ignoreLineEdit(md, 1, 'cliche')]), doc('一、总体要求', '　　<!-- gongwen-disable-next-line cliche -->', '　　要进一步加强管理。', '').replace(/\n/g, '\r\n'));
  });

  it('ignoring one finding on its line leaves every other finding as it was (the comment line is not prose)', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'speech.txt'), 'utf8');
    for (const format of ['plaintext', 'markdown'] as const) {
      const { doc: d, findings } = checkText(text, format);
      assert.ok(findings.length > 10 && findings.some((f) => f.code.startsWith('series')), 'a document with series and more');
      for (const x of findings) {
        const l = x.range.start.line;
        const after = checkText(applyEdits(d, [ignoreLineEdit(d, l, x.code)]), format).findings;
        const key = (f: { range: { start: { line: number; character: number } }; code: string }, shift: boolean) =>
          `${shift && f.range.start.line > l ? f.range.start.line - 1 : f.range.start.line}:${f.range.start.character} ${f.code}`;
        const want = findings.filter((y) => !(y.range.start.line === l && y.code === x.code)).map((y) => key(y, false));
        assert.deepStrictEqual(after.map((y) => key(y, true)).sort(), want.sort(), `${format}: ignoring ${x.code} on line ${l + 1}`);
      }
    }
  });

  it('keeps a BOM first', () => {
    const d = new GwDocument('\uFEFF要进一步加强管理。\n');
    assert.strictEqual(applyEdits(d, [ignoreLineEdit(d, 0, 'cliche')]), '\uFEFF%% gongwen-disable-next-line cliche\n要进一步加强管理。\n');
  });

  it('ignore this phrase in this document: a gongwen-allow line at the top, then more phrases on it', () => {
    const d1 = new GwDocument(doc(...SPEECH));
    const t1 = applyEdits(d1, [allowPhraseEdit(d1, '推动高质量发展')]);
    assert.strictEqual(t1, doc('%% gongwen-allow 推动高质量发展', ...SPEECH));
    const d2 = new GwDocument(t1);
    const t2 = applyEdits(d2, [allowPhraseEdit(d2, '进一步加强')]);
    assert.strictEqual(t2, doc('%% gongwen-allow 推动高质量发展 进一步加强', ...SPEECH));
    assert.deepStrictEqual(found(t2), ['3 outline-sequence']);
  });

  it('in Markdown: after the front matter, into the comment before -->', () => {
    const md = doc('---', 'title: 讲话', '---', '要进一步加强管理。', '');
    const d = new GwDocument(md, 'markdown');
    const t = applyEdits(d, [allowPhraseEdit(d, '进一步加强')]);
    assert.strictEqual(t, doc('---', 'title: 讲话', '---', '<!-- gongwen-allow 进一步加强 -->', '要进一步加强管理。', ''));
    const d2 = new GwDocument(t, 'markdown');
    assert.strictEqual(applyEdits(d2, [allowPhraseEdit(d2, '高质量发展')]), doc('---', 'title: 讲话', '---', '<!-- gongwen-allow 进一步加强 高质量发展 -->', '要进一步加强管理。', ''));
  });
});
