import * as assert from 'node:assert/strict';
import { GwDocument } from '../../server/src/core';
import { scanItems } from '../../server/src/core/series-model';
import { brief, codesOf, covered, fixAll, seedText } from './helpers';

const SERIES = ['series-style', 'series-sequence'];
const NUMBERING = ['outline-marker-punct', 'outline-paren-width', 'outline-sequence', 'outline-level-skip', 'outline-level-order', ...SERIES];

function items(text: string): string[][] {
  return new GwDocument(text).series.map((s) => s.items.map((i) => i.text));
}

describe('序次语 series detection', () => {
  it('finds items at line starts, after sentence ends and colons, and after 为', () => {
    assert.deepEqual(items('要求如下：一是统一思想。二是明确责任；三是加强督查。'), [['一是', '二是', '三是']]);
    assert.deepEqual(items('主要体现为一是规划起点高。二是定位高。'), [['一是', '二是']]);
    assert.deepEqual(items('一是统一思想。\n二是明确责任。\n三是加强督查。'), [['一是', '二是', '三是']]);
  });

  it('reads half-width punctuation pasted from web pages', () => {
    assert.deepEqual(items('具体来说,他们坚持三点:一是突出创新驱动.二是突出科教先行;三是突出招才引智.'), [['一是', '二是', '三是']]);
  });

  it('lets later items follow a comma', () => {
    assert.deepEqual(items('一要保障用地，二要保障用工，三要保障融资。'), [['一要', '二要', '三要']]);
  });

  it('does not take words that merely contain the characters', () => {
    const text = '全区统一是前提。唯一要做的是落实。第一次会议和第一批项目都已完成。这是原因之一是明显的。万一要延期，须报批。敢于争第一、勇于创唯一。把它作为“第一道程序”。';
    assert.deepEqual(items(text), []);
  });

  it('keeps a series across the line breaks a web page leaves after ；', () => {
    const text = '一是观念新。\n\n二是步伐快。\n\n三是创新强。他们坚持：一是突出创新，成效明显；\n企业里到处是机器人。二是突出科教；\n三是突出人才。';
    const doc = new GwDocument(text);
    const inline = doc.series.filter((s) => !s.lineLevel).map((s) => s.items.map((i) => i.text));
    assert.deepEqual(inline, [['一是', '二是', '三是']]);
    assert.deepEqual(codesOf(text, SERIES), []);
  });

  it('separates a paragraph-level series from the series nested inside its items', () => {
    const text = [
      '一是坚定推进思想解放。一要增强机遇意识。二要增强发展意识。',
      '',
      '二是坚定推进创新驱动。重点把握三点：一要注重科技创新。二要注重人才支撑。三要注重产业集聚。',
      '',
      '三是坚定推进城乡融合。一是规划要融合。二是产城要融合。',
    ].join('\n');
    const doc = new GwDocument(text);
    assert.deepEqual(doc.series.map((s) => [s.lineLevel, s.items.map((i) => i.text).join('')]), [
      [true, '一是二是三是'],
      [false, '一要二要'],
      [false, '一要二要三要'],
      [false, '一是二是'],
    ]);
    assert.deepEqual(codesOf(text, SERIES), []);
  });

  it('never lets a series cross an outline marker', () => {
    const text = '一、总体要求\n一是统一思想。二是明确责任。\n二、主要任务\n三是加强督查。';
    const s = new GwDocument(text).series;
    assert.deepEqual(s.map((x) => x.items.length), [2, 1]);
  });

  it('does not treat 再次 or 最后 as items outside a 首先 series', () => {
    assert.deepEqual(items('再次感谢大家。最后，祝大家新年快乐。'), []);
    assert.deepEqual(items('首先，统一思想。其次，压实责任。再次，强化督查。最后，严肃问责。'), [['首先', '其次', '再次', '最后']]);
  });
});

describe('series-style', () => {
  it('reports each item whose connector differs from the opener, with both fixes', () => {
    const text = '一是统一思想。二是明确责任。三要加强督查。四要严肃问责。';
    const fs = codesOf(text, SERIES);
    assert.deepEqual(brief(fs), ['1:15 series-style', '1:22 series-style']);
    assert.equal(covered(text, fs[0]), '三要');
    assert.match(fs[0].message, /以“一是”开头.*应为“三是”/);
    assert.deepEqual(fs[0].fixes!.map((f) => f.title), ['改为“三是”，与本组一致', '全组统一为“一要”式']);
    assert.equal(fixAll(text), '一是统一思想。二是明确责任。三是加强督查。四是严肃问责。');
    const other = fs[0].fixes![1].edits.map((e) => e.newText);
    assert.deepEqual(other, ['一要', '二要']);
  });

  it('reports 第一 mixed with 二是, 其一 with 二是, and 首先…其次…第三', () => {
    assert.deepEqual(brief(codesOf('第一，统一思想。二是明确责任。', SERIES)), ['1:9 series-style']);
    assert.deepEqual(brief(codesOf('其一，统一思想。二是明确责任。', SERIES)), ['1:9 series-style']);
    const t = '首先，统一思想。其次，明确责任。第三，加强督查。';
    const fs = codesOf(t, SERIES);
    assert.deepEqual(brief(fs), ['1:17 series-style']);
    assert.equal(fixAll(t), '首先，统一思想。其次，明确责任。再次，加强督查。');
  });
});

describe('series-sequence', () => {
  it('reports a gap and renumbers the series', () => {
    const text = '一是统一思想。二是明确责任。四是加强督查。';
    const fs = codesOf(text, SERIES);
    assert.deepEqual(brief(fs), ['1:15 series-sequence']);
    assert.match(fs[0].message, /应为“三是”/);
    assert.equal(fixAll(text), '一是统一思想。二是明确责任。三是加强督查。');
  });

  it('reports 首先…首先 as a repeat', () => {
    const fs = codesOf('首先，统一思想。首先，明确责任。', SERIES);
    assert.deepEqual(brief(fs), ['1:9 series-sequence']);
    assert.match(fs[0].message, /重复/);
  });

  it('reports 其次 with no 首先 before it, without offering a guess', () => {
    const fs = codesOf('工作很多。其次，要压实责任。', SERIES);
    assert.deepEqual(brief(fs), ['1:6 series-sequence']);
    assert.equal(fs[0].fixes, undefined);
  });

  it('accepts the two-item 一方面/另一方面 and reports a lone 另一方面', () => {
    assert.deepEqual(codesOf('一方面要加快发展。另一方面要保护环境。', SERIES), []);
    assert.deepEqual(brief(codesOf('要加快发展。另一方面，要保护环境。', SERIES)), ['1:7 series-sequence']);
  });
});

describe('the seed speech', function () {
  const seed = seedText();
  before(function () {
    if (!seed) this.skip(); // ../shared/seed is not beside this checkout
  });

  it('has three level-1 items with their series', () => {
    const doc = new GwDocument(seed!);
    assert.deepEqual(doc.outline.map((n) => n.marker.numeral.text + n.marker.punct!.text), ['一、', '二、', '三、']);
    const lineLevel = doc.series.filter((s) => s.lineLevel).map((s) => s.items.map((i) => i.text).join(''));
    assert.deepEqual(lineLevel, ['一是二是三是四是五是', '一是二是三要四要五要']);
  });

  it('reports numbering problems only on section 三 (三要、四要、五要) and the lone 另一方面', () => {
    const fs = codesOf(seed!, NUMBERING);
    const lines = seed!.split(/\r\n|\r|\n/);
    const described = fs.map((f) => `${f.code} ${lines[f.range.start.line].slice(f.range.start.character, f.range.end.character)}`);
    assert.deepEqual(described, ['series-sequence 另一方面', 'series-style 三要', 'series-style 四要', 'series-style 五要']);
    const sectionThree = new GwDocument(seed!).outline[2].line;
    for (const f of fs.filter((x) => x.code === 'series-style')) assert.ok(f.range.start.line > sectionThree);
  });

  it('runs section 二’s 三是 series across the line break after ；', () => {
    const doc = new GwDocument(seed!);
    const s = doc.series.find((x) => !x.lineLevel && x.items.length === 3 && x.items[2].line > x.items[0].line && x.items[0].kind === 'shi');
    assert.ok(s, 'an inline 一是/二是/三是 series spanning two lines');
  });
});

describe('scanItems', () => {
  // The reference: the bare global search. scanItems adds classify's reading of the numerals and the mark
  // that must follow 第X and 其X; nothing else may differ.
  const GLOBAL = /(十[一二三四五六七八九]?|[一二三四五六七八九])(是|要)|第([一二三四五六七八九十]+)|其([一二三四五六七八九十]+)|首先|其次|再次|最后|另一方面|一方面/g;
  function reference(prose: string, from: number): string[] {
    const out: string[] = [];
    GLOBAL.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = GLOBAL.exec(prose))) out.push(`${m.index}:${m[0]}`);
    return out;
  }

  it('finds what a global search finds, from any column, in text made of the characters that matter', () => {
    // Whole items and their pieces, so that overlapping and glued ones (另一方面, 十一是二要, 第一方面) come up.
    const alphabet = [...'十一二三四五六七八九是要第其首先次再最后另方面，、：。甲 ', '一是', '十二要', '第三', '其二', '首先', '其次', '再次', '最后', '另一方面', '一方面'];
    let x = 7;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
    for (let round = 0; round < 3000; round++) {
      const prose = Array.from({ length: rnd(30) }, () => alphabet[rnd(alphabet.length)]).join('');
      const from = rnd(prose.length + 1);
      const got = scanItems(prose, from).map((i) => `${i.start}:${i.text}`);
      // scanItems drops what classify rejects (第 without a numeral it reads) and 第一/其一 not followed by a
      // mark; every item it keeps is one the global search found, and in the same order.
      const want = reference(prose, from);
      let k = 0;
      for (const g of got) {
        while (k < want.length && want[k] !== g) k++;
        assert.ok(k < want.length, `${JSON.stringify(prose)} from ${from}: ${g} not in ${want.join(' ')}`);
        k++;
      }
      // Only 第X and 其X (no mark after them, or a numeral classify does not read) may be left out.
      const left = want.filter((w) => !got.includes(w));
      for (const w of left) assert.match(w, /^\d+:[第其]/, `${JSON.stringify(prose)} from ${from}: ${w} left out`);
    }
  });
});
