// Generators of hostile 公文 text for the property-based fuzz suite (test/unit/fuzz.test.ts, npm run fuzz).
// The pieces are what users actually type and mistype: outline markers of every level with their wrong forms,
// 序次语, brackets full and half, dates, 发文字号, clichés, Markdown, and the characters that break naive code
// (full-width spaces, CRLF, lone CR, BOM anywhere, lone surrogates, astral characters, NUL).
import fc from 'fast-check';

/** Outline markers, right and wrong, at every level (GB/T 9704-2012 §7.3.3). */
export const MARKERS = [
  '一、', '二、', '三、', '四、', '十、', '十一、', '二十、', '一百、', '零、', '一.', '一．', '一，', '一,', '一：', '一:', '一。', '一 ', '一\u3000',
  '（一）', '（二）', '（三）', '（十二）', '(一)', '(二)', '（一)', '(一）', '（一）、', '（一）.', '（一', '一）',
  '1.', '2.', '3.', '10.', '99.', '100.', '0.', '1．', '1、', '1，', '1,', '1：', '1)', '1）', '１.', '1.5', '2.17',
  '（1）', '（2）', '(1)', '(2)', '（1)', '(1）', '（1）、', '（0）', '（100）',
  '①', '②', '③', '⑩', '⑳', '㉑',
  '一、二等奖', '一、二、三类',
];

/** 序次语 (series), right and wrong. */
export const SERIES = ['一是', '二是', '三是', '四是', '十一是', '一要', '二要', '三要', '第一，', '第二，', '第三、', '第一次', '其一，', '其二，', '首先，', '其次，', '再次，', '最后，', '首先、', '一方面，', '另一方面，'];

export const PHRASES = [
  '总体要求', '主要任务', '指导思想', '工作目标', '加强组织领导', '高度重视', '狠抓落实', '落实落细', '坚定不移地推进', '取得了明显成效',
  '各项工作', '营商环境', '同志们：', '各区人民政府：', '附件：', '附件：1.实施方案', '附件:', '抄送：市委办公室', '抄送：区政府。', '主送：',
  '2024年2月17日', '2024.2.17', '2024-02-17', '二〇二四年二月十七日', '国办发〔2024〕1号', '国办发[2024]1号', '国办发（2024）1号',
  '关于做好2024年工作的通知', '请示', '特此通知。', '经研究，现通知如下：', '营商环境是一个地区的核心竞争力。',
];

export const PUNCT = ['。', '，', '；', '：', '？', '！', '、', ',', ';', ':', '?', '!', '.', '“', '”', '‘', '’', '《', '》', '—', '…', '〔', '〕', '【', '】', '[', ']', '（', '）', '(', ')', '"', "'"];

export const MARKDOWN = ['# ', '## ', '###### ', '**', '__', '`', '```', '```text', '~~~', '<!--', '-->', '[链接](http://a.b/一、)', '![图](x.png)', '> ', '- ', '* ', '+ ', '1. ', '    ', '\t', '|', '---'];

/** The characters that break naive string code. */
export const HOSTILE = [
  ' ', '\u3000', '\u00a0', '\t', '\n', '\r\n', '\r', '\n\n', '\r\r', '\ufeff', '\ud800', '\udbff', '\udc00', '\udfff',
  '😀', '👨‍👩‍👧', '𠀀', '𪚥', '\u0000', '\u200b', '\u202e', '\u0301', '\ufffd', '０', '１', '９', '〇', '零', '百', '十',
];

const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府';

/**
 * Any UTF-16 code unit, lone surrogates included. (fast-check's 'binary' unit builds a table of every code
 * point on first use, a second of start-up for nothing.)
 */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export const hanRun = fc.string({ unit: fc.constantFrom(...HAN), minLength: 1, maxLength: 24 });

/** One piece of a document. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: hanRun },
  { weight: 4, arbitrary: fc.constantFrom(...MARKERS) },
  { weight: 3, arbitrary: fc.constantFrom(...SERIES) },
  { weight: 3, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 4, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3000 }).map(String) },
);

const EOL = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** A line that opens with a marker or a 序次语 more often than not, as in a real 公文. */
const line: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '\u3000\u3000', '  ', '\t', '\ufeff', '# ', '## ', '**', '- '),
    fc.oneof(fc.constantFrom(...MARKERS), fc.constantFrom(...SERIES), fc.constant('')),
    fc.array(piece, { maxLength: 10 }),
  )
  .map(([indent, head, rest]) => indent + head + rest.join(''));

/** Random 公文-like text: lines of pieces joined by any line break. */
export const gongwenText: fc.Arbitrary<string> = fc
  .array(fc.tuple(line, EOL), { maxLength: 40 })
  .map((ls) => ls.map(([l, e]) => l + e).join(''));

/** Short text from any UTF-16 code units, paired surrogates or not. */
export const anyText: fc.Arbitrary<string> = fc.string({ unit: fc.oneof(codeUnit, fc.constantFrom(...HOSTILE), fc.constantFrom(...PUNCT)), maxLength: 300 });

/** One edit of a text: insert a piece, delete a stretch, replace a code unit, duplicate or swap lines. */
type Mutation = (t: string) => string;
const pos = (t: string, r: number) => Math.floor(r * (t.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), piece).map(([r, p]): Mutation => (t) => {
    const i = pos(t, r);
    return t.slice(0, i) + p + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 20 })).map(([r, n]): Mutation => (t) => {
    const i = pos(t, r);
    return t.slice(0, i) + t.slice(i + n);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 0xffff })).map(([r, c]): Mutation => (t) => {
    const i = pos(t, r);
    return t.slice(0, i) + String.fromCharCode(c) + t.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (t) => {
    const ls = t.split('\n');
    const i = a % ls.length;
    const j = b % ls.length;
    [ls[i], ls[j]] = [ls[j], ls[i]];
    return ls.join('\n');
  }),
  fc.nat().map((a): Mutation => (t) => {
    const ls = t.split('\n');
    const i = a % ls.length;
    ls.splice(i, 0, ls[i]);
    return ls.join('\n');
  }),
);

/** A real document (ours, written for the project) after a few random edits. */
export function mutated(bases: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 12 }))
    .map(([base, ms]) => ms.reduce((t, m) => m(t), base));
}

/** Any of the above, with the format it is checked as. */
export function documents(bases: string[]): fc.Arbitrary<{ text: string; format: 'plaintext' | 'markdown' }> {
  return fc.record({
    text: fc.oneof({ weight: 4, arbitrary: gongwenText }, { weight: 3, arbitrary: mutated(bases) }, { weight: 1, arbitrary: anyText }),
    format: fc.constantFrom('plaintext' as const, 'markdown' as const),
  });
}
