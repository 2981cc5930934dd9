import * as assert from 'node:assert/strict';
import { checkText, GwDocument, outlineSymbols, outlineText, renumberEdits, applyEdits, foldingRanges } from '../../server/src/core';
import { parseChineseNumeral, toChineseNumeral } from '../../server/src/core/numerals';
import { brief, codesOf, covered, fixAll } from './helpers';

const OUTLINE = ['outline-marker-punct', 'outline-paren-width', 'outline-sequence', 'outline-level-skip', 'outline-level-order'];

function outlineFindings(text: string, format: 'plaintext' | 'markdown' = 'plaintext') {
  return codesOf(text, OUTLINE, format);
}

describe('Chinese numerals', () => {
  it('parses and renders the numbers markers use', () => {
    const cases: [string, number][] = [['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['二十三', 23], ['九十九', 99], ['一百', 100], ['一百零五', 105], ['一百一十二', 112]];
    for (const [s, n] of cases) {
      assert.equal(parseChineseNumeral(s), n, s);
      assert.equal(toChineseNumeral(n), s, String(n));
    }
    for (const bad of ['二三', '十十', '零', '百', '']) assert.equal(parseChineseNumeral(bad), undefined, bad);
  });
});

describe('outline markers', () => {
  it('recognises the four GB/T 9704 levels and the circled fifth, after any indentation', () => {
    const text = ['一、总体要求', '　　（一）指导思想。坚持问题导向。', '  1.目标任务', '\t（1）具体指标', '①第一小项', '二、主要任务'].join('\n');
    const doc = new GwDocument(text);
    assert.deepEqual(doc.markers.map((m) => [m.level, m.value, m.title]), [
      [1, 1, '总体要求'], [2, 1, '指导思想'], [3, 1, '目标任务'], [4, 1, '具体指标'], [5, 1, '第一小项'], [1, 2, '主要任务'],
    ]);
    assert.deepEqual(outlineFindings(text), []);
    assert.equal(outlineText(doc), '一、总体要求\n  （一）指导思想\n    1.目标任务\n      （1）具体指标\n        ①第一小项\n二、主要任务');
  });

  it('reads any Chinese numeral: 十一、 二十、 一百、', () => {
    const items = Array.from({ length: 100 }, (_, i) => `${toChineseNumeral(i + 1)}、第${i + 1}部分`);
    const doc = new GwDocument(items.join('\n'));
    assert.equal(doc.outline.length, 100);
    assert.deepEqual([doc.markers[10].numeral.text, doc.markers[19].numeral.text, doc.markers[99].numeral.text], ['十一', '二十', '一百']);
    assert.deepEqual(outlineFindings(items.join('\n')), []);
  });

  it('does not take text that only looks like a marker', () => {
    const text = [
      '一、工作成效',
      '1.5亿元的专项资金已全部到位。',
      '一、二等奖获得者名单附后。',
      '“1.坚持标准；2.严格程序”是基本要求。',
      '会上（1）号文件被反复提及，2024.2.17起施行。',
      '2024，全市经济运行稳中有进。',
      '二、下一步打算',
    ].join('\n');
    const doc = new GwDocument(text);
    assert.deepEqual(doc.markers.map((m) => m.line), [0, 6]);
    assert.deepEqual(outlineFindings(text), []);
  });

  it('finds markers in Markdown headings and emphasis, not in code, comments or front matter', () => {
    const text = [
      '---', 'title: 一、不是标题', '---',
      '# 关于开展安全检查的通知',
      '## 一、总体要求',
      '**（一）**指导思想',
      '```', '二、代码里的不算', '```',
      '<!-- 三、注释里的不算 -->',
      '## 二、主要任务',
    ].join('\n');
    const doc = new GwDocument(text, 'markdown');
    assert.deepEqual(doc.markers.map((m) => `${m.line}:${m.level}:${m.title}`), ['4:1:总体要求', '5:2:指导思想', '10:1:主要任务']);
    assert.deepEqual(outlineFindings(text, 'markdown'), []);
  });

  it('treats a Markdown "1. " list as a plain list unless the document has a 公文 outline', () => {
    const plainList = '# 会议纪要\n\n1. 张三\n2. 李四\n4. 王五\n';
    assert.deepEqual(new GwDocument(plainList, 'markdown').markers, []);
    const outline = '## 一、任务\n\n1. 张三\n2. 李四\n4. 王五\n';
    assert.deepEqual(brief(outlineFindings(outline, 'markdown')), ['3:1 outline-level-skip', '5:1 outline-sequence']);
  });
});

describe('outline-marker-punct', () => {
  it('flags each wrong mark and fixes only the mark', () => {
    const wrong = ['一.总体要求', '二．主要任务', '三，保障措施', '四：工作要求', '五 组织实施'];
    const text = wrong.join('\n');
    const fs = outlineFindings(text);
    assert.deepEqual(brief(fs), ['1:1 outline-marker-punct', '2:1 outline-marker-punct', '3:1 outline-marker-punct', '4:1 outline-marker-punct', '5:1 outline-marker-punct']);
    assert.match(fs[0].message, /应为“一、”.*GB\/T 9704-2012 7\.3\.3/);
    assert.equal(fixAll(text), '一、总体要求\n二、主要任务\n三、保障措施\n四、工作要求\n五、组织实施');
  });

  it('flags marks after bracketed markers and 1、 1， 1)', () => {
    const text = '一、任务\n（一）、目标\n（二）.措施\n（三），要求\n1、第一项\n2，第二项\n3)第三项\n（1）、细则';
    const fs = outlineFindings(text).filter((f) => f.code === 'outline-marker-punct');
    assert.deepEqual(fs.map((f) => f.range.start.line + 1), [2, 3, 4, 5, 6, 7, 8]);
    assert.equal(fixAll(text), '一、任务\n（一）目标\n（二）措施\n（三）要求\n1.第一项\n2.第二项\n3.第三项\n（1）细则');
  });

  it('accepts 1． but reports the minority when a document mixes 1. and 1．', () => {
    assert.deepEqual(outlineFindings('（一）目标\n1．甲\n2．乙\n3．丙'), []);
    const mixed = '（一）目标\n1.甲\n2.乙\n3．丙';
    const fs = outlineFindings(mixed);
    assert.deepEqual(brief(fs), ['4:1 outline-marker-punct']);
    assert.equal(fixAll(mixed), '（一）目标\n1.甲\n2.乙\n3.丙');
  });
});

describe('outline-paren-width', () => {
  it('flags half-width and mixed brackets and widens them', () => {
    const text = '一、任务\n(一)目标\n(二）措施\n1.要求\n（1)细则\n(2)附则';
    const fs = outlineFindings(text);
    assert.deepEqual(brief(fs), ['2:1 outline-paren-width', '3:1 outline-paren-width', '5:1 outline-paren-width', '6:1 outline-paren-width']);
    assert.equal(covered(text, fs[0]), '(一)');
    assert.equal(fixAll(text), '一、任务\n（一）目标\n（二）措施\n1.要求\n（1）细则\n（2）附则');
  });
});

describe('outline-sequence', () => {
  it('reports a gap, a repeat and a first item that is not 一', () => {
    assert.deepEqual(brief(outlineFindings('一、甲\n二、乙\n四、丁')), ['3:1 outline-sequence']);
    const rep = outlineFindings('一、甲\n二、乙\n二、丙');
    assert.deepEqual(brief(rep), ['3:1 outline-sequence']);
    assert.match(rep[0].message, /重复.*第 2 行/);
    assert.deepEqual(brief(outlineFindings('二、乙\n三、丙')), ['1:1 outline-sequence', '2:1 outline-sequence']);
  });

  it('reports a child series that does not restart under its new parent', () => {
    const text = '一、甲\n（一）子一\n（二）子二\n二、乙\n（三）子三\n（四）子四';
    const fs = outlineFindings(text);
    assert.deepEqual(brief(fs), ['5:1 outline-sequence', '6:1 outline-sequence']);
    assert.match(fs[0].message, /重新开始/);
    assert.equal(fixAll(text), '一、甲\n（一）子一\n（二）子二\n二、乙\n（一）子三\n（二）子四');
  });

  it('renumbers the whole document from its structure, touching only numerals', () => {
    const text = '三、甲\n（二）子\n（五）子\n1.项\n3.项\n五、乙\n（二）子\n一是，二是，四是';
    const doc = new GwDocument(text);
    const out = applyEdits(doc, renumberEdits(doc));
    assert.equal(out, '一、甲\n（一）子\n（二）子\n1.项\n2.项\n二、乙\n（一）子\n一是，二是，三是');
    assert.deepEqual(outlineFindings(out), []);
  });
});

describe('outline-level-skip', () => {
  it('is information by default and can be turned off', () => {
    const text = '一、甲\n1.项一\n2.项二\n二、乙\n（一）子\n1.项';
    const fs = outlineFindings(text);
    assert.deepEqual(brief(fs), ['2:1 outline-level-skip']);
    assert.equal(fs[0].severity, 'information');
    assert.deepEqual(codesOf(text, OUTLINE, 'plaintext', { outlineLevelSkip: false }), []);
  });
});

describe('outline-level-order', () => {
  it('reports a higher level inside a lower-level list that goes on after it', () => {
    const text = '一、甲\n1.项一\n（一）倒置\n2.项二';
    const fs = outlineFindings(text);
    assert.deepEqual(brief(fs), ['2:1 outline-level-skip', '3:1 outline-level-order']);
  });

  it('reports 一、 inside a 1. list', () => {
    const text = '1.甲\n一、倒置\n2.乙';
    assert.deepEqual(brief(outlineFindings(text)), ['2:1 outline-level-order']);
  });
});

describe('model edge cases', () => {
  it('handles CRLF and a leading BOM: the BOM is not text and columns count it', () => {
    const text = '\ufeff一、甲\r\n（二）乙\r\n二、丙\r\n';
    const { doc, findings } = checkText(text);
    assert.equal(doc.lines.length, 4);
    assert.equal(doc.lines[0].eol, '\r\n');
    assert.equal(doc.markers[0].start, 1);
    assert.deepEqual(brief(findings), ['2:1 outline-sequence']);
    assert.equal(fixAll(text), '\ufeff一、甲\r\n（一）乙\r\n二、丙\r\n');
  });

  it('handles lone CR line breaks', () => {
    const doc = new GwDocument('一、甲\r二、乙\r四、丙');
    assert.deepEqual(doc.markers.map((m) => m.line), [0, 1, 2]);
  });

  it('keeps UTF-16 columns right after characters outside the BMP', () => {
    // 𠀀 and 😀 are two UTF-16 code units each: the marker starts at column 5, not 3.
    const text = '一、甲\n𠀀😀 (一)乙';
    const doc = new GwDocument(text);
    assert.equal(doc.markers.length, 1, 'a marker must start the line');
    const text2 = '一、甲\n　　(一)乙𠀀😀\n（二）丙';
    const fs = outlineFindings(text2);
    assert.equal(fs[0].range.start.character, 2);
    assert.equal(covered(text2, fs[0]), '(一)');
    const text3 = '一、𠀀😀甲\n三、乙';
    const f3 = outlineFindings(text3);
    assert.equal(f3[0].range.start.line, 1);
    const sym = outlineSymbols(new GwDocument(text3)).filter((s) => s.kind !== 'element');
    assert.equal(sym[0].name, '一、𠀀😀甲');
    assert.equal(sym[0].selectionRange.end.character, 2 + 5);
  });

  it('handles a one-line and an empty document', () => {
    assert.deepEqual(checkText('').findings, []);
    assert.deepEqual(new GwDocument('').outline, []);
    assert.deepEqual(outlineFindings('一、唯一一项'), []);
    assert.equal(new GwDocument('一、唯一一项').outline.length, 1);
  });

  it('gives symbols with sections and folding ranges per item', () => {
    const text = '标题\n\n一、甲\n正文\n（一）子\n正文\n\n二、乙\n正文';
    const doc = new GwDocument(text);
    const sym = outlineSymbols(doc).filter((s) => s.kind !== 'element');
    assert.deepEqual(sym.map((s) => [s.name, s.range.start.line, s.range.end.line]), [['一、甲', 2, 5], ['二、乙', 7, 8]]);
    assert.deepEqual(sym[0].children.map((s) => s.name), ['（一）子']);
    assert.deepEqual(foldingRanges(doc), [{ startLine: 2, endLine: 5 }, { startLine: 4, endLine: 5 }, { startLine: 7, endLine: 8 }]);
  });

  it('answers, without throwing, binary junk, 50,000 markers, a 10 MB document and an unclosed bracket at the end', function () {
    this.timeout(180_000); // a slow machine, not a speed check: speed lives in bench/
    let junk = '';
    for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 65536);
    assert.ok(Array.isArray(checkText(junk).findings));
    const many = Array.from({ length: 50000 }, (_, i) => `${(i % 99) + 1}.第${i}项`).join('\n');
    const r = checkText('一、甲\n' + many);
    assert.ok(r.findings.length > 0);
    const big = ('一、总体要求\n（一）目标。' + '全面推进各项工作落实落细。'.repeat(40) + '\n').repeat(10 * 1024 * 1024 / 1200);
    assert.ok(big.length > 3_000_000);
    assert.ok(Array.isArray(checkText(big).findings));
    assert.deepEqual(outlineFindings('一、甲\n（二'), []);
  });
});

describe('attachment notes', () => {
  it('do not take the numbered names of 附件：1.… 2.… for outline items', () => {
    const text = ['一、工作安排', '（一）时间', '（二）地点', '', '附件：1.参会人员名单', '　　　2.日程安排', '　　　3.会场示意图', '', '某某市人民政府办公室'].join('\n');
    const doc = new GwDocument(text);
    assert.deepEqual(doc.markers.map((m) => m.line), [0, 1, 2]);
    assert.deepEqual(outlineFindings(text), []);
  });
});
