// An outline marker keeps its columns and its line's prose; its spans and title are cut from that prose when
// asked for. They must read exactly as the marker was written, for every kind and mark.
import * as assert from 'node:assert';
import { GwDocument } from '../../server/src/core';
import { atLine, OutlineMarker, parseMarker } from '../../server/src/core/markers';
import { flat, isSpace } from '../../server/src/core/chars';

function parts(m: OutlineMarker | undefined) {
  if (!m) return undefined;
  return {
    line: m.line, kind: m.kind, level: m.level, value: m.value, start: m.start, end: m.end,
    numeral: m.numeral, open: m.open, close: m.close, punct: m.punct,
    title: m.title, titleStart: m.titleStart, titleEnd: m.titleEnd, heading: m.heading,
  };
}

const span = (start: number, text: string) => ({ start, end: start + text.length, text });

describe('outline markers', () => {
  it('give the numeral, brackets, mark and title of each kind as written', () => {
    const m1 = parts(parseMarker('　　一、总体要求。其余', 3, false))!;
    assert.deepStrictEqual(m1, {
      line: 3, kind: 'cn', level: 1, value: 1, start: 2, end: 4, numeral: span(2, '一'), open: undefined, close: undefined,
      punct: span(3, '、'), title: '总体要求', titleStart: 4, titleEnd: 8, heading: undefined,
    });
    const m2 = parts(parseMarker('(十二)、工作 目标　', 0, false))!;
    assert.deepStrictEqual(m2, {
      line: 0, kind: 'paren-cn', level: 2, value: 12, start: 0, end: 5, numeral: span(1, '十二'), open: span(0, '('), close: span(3, ')'),
      punct: span(4, '、'), title: '工作 目标', titleStart: 5, titleEnd: 10, heading: undefined,
    });
    const m3 = parts(parseMarker('（3）具体措施', 1, false))!;
    assert.deepStrictEqual([m3.kind, m3.numeral, m3.open, m3.close, m3.punct, m3.end, m3.title], ['paren-arabic', span(1, '3'), span(0, '（'), span(2, '）'), undefined, 3, '具体措施']);
    const m4 = parts(parseMarker('12．落实责任', 1, false))!;
    assert.deepStrictEqual([m4.kind, m4.value, m4.numeral, m4.punct, m4.open, m4.title], ['arabic', 12, span(0, '12'), span(2, '．'), undefined, '落实责任']);
    const m5 = parts(parseMarker('\t③加强督查', 1, false))!;
    assert.deepStrictEqual([m5.kind, m5.value, m5.start, m5.end, m5.numeral, m5.punct, m5.title], ['circled', 3, 1, 2, span(1, '③'), undefined, '加强督查']);
    const m6 = parts(parseMarker('二 强化保障', 1, false))!;
    assert.deepStrictEqual([m6.punct, m6.title], [span(1, ' '), '强化保障']);
  });

  it('are not read from numbers and enumerations in running text', () => {
    const read = (s: string) => {
      const m = parseMarker(s, 0, false);
      return m && [m.kind, m.value, m.end, m.punct?.text];
    };
    // Markers, right or with a wrong mark that has text after it.
    assert.deepStrictEqual(read('12.落实责任'), ['arabic', 12, 3, '.']);
    assert.deepStrictEqual(read('1，加强领导'), ['arabic', 1, 2, '，']);
    assert.deepStrictEqual(read('（1）、加强领导'), ['paren-arabic', 1, 4, '、']);
    assert.deepStrictEqual(read('(12)加强领导'), ['paren-arabic', 12, 4, undefined]);
    assert.deepStrictEqual(read('一 加强领导'), ['cn', 1, 2, ' ']);
    assert.deepStrictEqual(read('二十一、附则'), ['cn', 21, 4, '、']);
    assert.deepStrictEqual(read('㊿加强领导'), ['circled', 50, 1, undefined]);
    // Text: three digits, zero, a digit after the mark (full-width too), a mark with nothing after it,
    // a numeral that is no number, an enumeration, a number word after a wrong mark.
    for (const s of ['123.项目', '0.项目', '（0）项目', '（123）项目', '（二三）项目', '1.5亿元', '1.５亿元', '（1）.5倍', '(1),2',
      '1，', '1，　', '一 ', '一　\t', '二三、工作', '一、二等奖', '一、二、三类', '二，三', '一，第二', '一.其次', '1、2月']) {
      assert.strictEqual(read(s), undefined, s);
    }
  });

  it('read a Markdown heading: hashes, emphasis and closing hashes are not the title', () => {
    const m = parts(parseMarker('## **（一）**加强领导 ##', 0, true))!;
    assert.deepStrictEqual([m.heading, m.start, m.numeral, m.open, m.close, m.title, m.titleStart, m.titleEnd], [2, 5, span(6, '一'), span(5, '（'), span(7, '）'), '加强领导', 10, 14]);
  });

  it('are the same parts on another line', () => {
    const m = parseMarker('（二）、完善制度', 4, false)!;
    assert.deepStrictEqual(parts(atLine(m, 9)), { ...parts(m), line: 9 });
  });

  it('are the same in a model whose previous version lent them', () => {
    const text = '一、总体要求\n（一）指导思想\n1、主要目标\n(2)工作原则\n';
    const prev = new GwDocument(text);
    const next = new GwDocument('新增标题\n' + text, 'plaintext', '', prev);
    assert.deepStrictEqual(next.markers.map(parts), new GwDocument('新增标题\n' + text).markers.map(parts));
    assert.deepStrictEqual(next.markers.map((m) => m.line), [1, 2, 3, 4]);
  });

  it('share a reading of white space with the elements: /\\s/, for every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) assert.strictEqual(isSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });
});

describe('flat (chars.ts)', () => {
  it('reads as the same template untagged: strings, numbers, undefined, null and nested templates', () => {
    const values: unknown[] = ['甲', 3, undefined, null, 0.5, true, `乙${2}丙`];
    for (const v of values) assert.strictEqual(flat`前“${v}”后${v}`, `前“${v}”后${v}`, String(v));
    assert.strictEqual(flat``, ``);
    assert.strictEqual(flat`${'一'}${'二'}`, '一二');
  });
});
