// Outline continuation: the markers offered at a position continue the numbering the document already has.
import * as assert from 'node:assert';
import { completeOutline, completeOutlineInText, markerText } from '../../server/src/core/complete';
import { GwDocument } from '../../server/src/core/model';

/** The markers offered at the `|` in the text, in order. */
function offered(textWithCursor: string, format: 'plaintext' | 'markdown' = 'plaintext'): string[] {
  return candidates(textWithCursor, format).map((c) => c.insertText);
}

function candidates(textWithCursor: string, format: 'plaintext' | 'markdown' = 'plaintext') {
  const at = textWithCursor.indexOf('|');
  assert.ok(at >= 0, 'test text needs a | cursor');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const doc = new GwDocument(text, format);
  return completeOutline(doc, doc.positionAt(at));
}

describe('completeOutline', () => {
  it('renders the marker of every level', () => {
    assert.deepStrictEqual(
      [1, 2, 3, 4, 5].map((l) => markerText(l, 12)),
      ['十二、', '（十二）', '12.', '（12）', '⑫'],
    );
  });

  it('offers 一、 in a document without an outline yet', () => {
    assert.deepStrictEqual(offered('关于做好春节期间安全工作的通知\n\n各科室：\n\n|'), ['一、']);
  });

  it('after （二） with a body offers （三） first, then 1. under it, then 二、', () => {
    const text = '一、总体要求\n\n（一）指导思想。坚持稳中求进。\n\n（二）基本原则。坚持问题导向。\n\n|';
    assert.deepStrictEqual(offered(text), ['（三）', '1.', '二、']);
    const first = candidates(text)[0];
    assert.strictEqual(first.relation, 'sibling');
    assert.strictEqual(first.after, '（二）');
  });

  it('after 2. offers 3. first, then （1）, （二） and 二、', () => {
    const text = '一、工作任务\n（一）深化改革\n1.压减审批时限。\n2.推行告知承诺制。\n|';
    assert.deepStrictEqual(offered(text), ['3.', '（1）', '（二）', '二、']);
  });

  it('right under a bare heading offers its first sub-item first', () => {
    assert.deepStrictEqual(offered('一、提高站位\n\n|'), ['（一）', '二、']);
    // Once the heading has a paragraph under it, the next heading is as plausible as a sub-item: sibling first.
    assert.deepStrictEqual(offered('一、提高站位\n\n营商环境是核心竞争力。\n\n|'), ['二、', '（一）']);
  });

  it('continues from the last item before the cursor, not after it', () => {
    const text = '一、甲\n（一）乙。内容。\n|\n（二）丙。内容。\n二、丁\n';
    assert.deepStrictEqual(offered(text), ['（二）', '1.', '二、']);
  });

  it('counts on from the number written, even past a gap', () => {
    assert.deepStrictEqual(offered('一、甲。内容。\n三、乙。内容。\n|')[0], '四、');
  });

  it('offers ① under （1） and nothing below level 5', () => {
    assert.deepStrictEqual(offered('1.甲\n（1）乙。内容。\n|'), ['（2）', '①', '2.']);
    assert.deepStrictEqual(offered('1.甲\n（1）乙\n①丙。内容。\n|'), ['②', '（2）', '2.']);
  });

  it('replaces a partly typed marker and keeps the indentation', () => {
    const cs = candidates('一、甲\n（一）乙。内容。\n\u3000\u3000（|');
    assert.strictEqual(cs[0].insertText, '（二）');
    assert.deepStrictEqual(cs[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 3 } });
    const digits = candidates('1.甲。内容。\n2|');
    assert.strictEqual(digits[0].insertText, '2.');
    assert.deepStrictEqual(digits[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
  });

  it('offers nothing in the middle of a sentence', () => {
    assert.deepStrictEqual(offered('一、甲\n（一）乙。内容。\n要抓好|'), []);
    assert.deepStrictEqual(offered('一、甲\n（一）乙。内容|。'), []);
  });

  it('keeps the Markdown heading level of the previous item at that level', () => {
    const md = '# 关于开展安全检查的通知\n\n## 一、检查范围\n\n全区各单位。\n\n|';
    assert.deepStrictEqual(offered(md, 'markdown'), ['## 二、', '（一）']);
    // A heading prefix already typed is kept and not doubled.
    assert.deepStrictEqual(offered('## 一、检查范围\n\n全区各单位。\n\n## |', 'markdown')[0], '二、');
  });

  it('uses UTF-16 columns: a supplementary-plane character before the cursor', () => {
    const cs = candidates('一、𠀀甲。内容。\n\u3000|');
    assert.deepStrictEqual(cs[0].range.start, { line: 1, character: 1 });
    assert.strictEqual(cs[0].insertText, '二、');
  });
});

describe('completeOutlineInText (the text through the cursor line only)', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const root = path.resolve(__dirname, '..', '..');
  const fixtures = path.join(root, 'test', 'e2e', 'fixtures', 'workspace');
  const examples = [
    ...fs.readdirSync(path.join(root, 'examples')).map((f) => path.join(root, 'examples', f)),
    path.join(fixtures, 'notes.md'),
    path.join(fixtures, 'level-skip.txt'),
  ];
  const texts: [string, string][] = examples.map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')]);
  // The same outlines with other line breaks, and cut so the cursor line is the last.
  texts.push(['CRLF', texts[0][1].replace(/\n/g, '\r\n')], ['CR', texts[0][1].replace(/\n/g, '\r')]);

  it('offers what completeOutline offers with the whole document, on every line of the examples', () => {
    let offeredSomewhere = 0;
    for (const [name, text] of texts) {
      for (const format of ['plaintext', 'markdown'] as const) {
        const doc = new GwDocument(text, format);
        for (let line = 0; line < doc.lineCount; line++) {
          // At the start of the line and after what a partial marker would be.
          for (const character of [0, Math.min(1, doc.lines[line].text.length)]) {
            const pos = { line, character };
            const whole = completeOutline(doc, pos);
            assert.deepStrictEqual(completeOutlineInText(text, format, pos), whole, `${name} (${format}) at ${line}:${character}`);
            if (whole.length) offeredSomewhere++;
          }
        }
      }
    }
    assert.ok(offeredSomewhere > 20, `the examples exercise completion (${offeredSomewhere} positions)`);
  });

  it('offers nothing past the last line, and reads a last line without a line break', () => {
    assert.deepStrictEqual(completeOutlineInText('一、甲\n', 'plaintext', { line: 5, character: 0 }), []);
    assert.deepStrictEqual(completeOutlineInText('一、甲\n（', 'plaintext', { line: 1, character: 1 }).map((c) => c.insertText), ['（一）', '二、']);
  });
});
