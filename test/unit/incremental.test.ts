// The checks reuse work across versions of a document (the cliché matcher caches each line's matches by its
// text, repeat-successive each line's doubled words). Whatever is reused, the findings after an edit must be exactly those of a cold, full analysis of
// the new text: this test types, deletes and pastes at random places in a generated 公文 and compares.
import * as assert from 'node:assert';
import { checkDocument, GwDocument, outlineText } from '../../server/src/core';
import { setLineCaching } from '../../server/src/core/cache';
import { reuseLines, splitLines } from '../../server/src/core/model';
import { resetClicheMatcher } from '../../server/src/core/cliche/dictionary';
import { resetRepeatCaches } from '../../server/src/core/rules/repeat';
import { forgetFormatState } from '../../server/src/core/rules/format';
import { Generator, loadGenerator } from './helpers';

/** Forgets everything cached across versions: the next analysis starts cold. */
function resetCaches(): void {
  resetClicheMatcher();
  resetRepeatCaches();
  forgetFormatState();
}

/** What a writer does to a draft: type a character, paste a stock phrase, start a numbered item, delete. */
function randomEdit(text: string, r: () => number, phrases: string[]): string {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const at = Math.floor(r() * (text.length + 1));
  const roll = r();
  if (roll < 0.3) return text.slice(0, at) + pick([...'的了是在和要把对工作推进落实，。；：、']) + text.slice(at);
  if (roll < 0.5) return text.slice(0, at) + pick(phrases) + text.slice(at);
  if (roll < 0.6) return text.slice(0, at) + pick(['\n三、', '\n（二）', '\n2.', '\n（3）', '一是', '二是', '第一，', '\n']) + text.slice(at);
  if (roll < 0.7) {
    // Retype a word right after itself: a doubled word for repeat-successive.
    const w = text.slice(at, at + 2);
    return text.slice(0, at) + w + text.slice(at);
  }
  const len = 1 + Math.floor(r() * (r() < 0.8 ? 4 : 200));
  return text.slice(0, at) + text.slice(Math.min(text.length, at + len));
}

const check = (text: string, previous?: GwDocument) => JSON.stringify(checkDocument(new GwDocument(text, 'plaintext', 'file:///draft.txt', previous)));

describe('incremental analysis', () => {
  let gen: Generator;
  before(async () => {
    gen = await loadGenerator();
  });

  it('gives, after every one of 60 random edits, exactly the findings of a cold full analysis', function () {
    this.timeout(120000);
    const { phrases } = gen.loadCliches();
    let text = gen.generate(40 * 1024, 7, phrases).text;
    const r = gen.prng(11);
    resetCaches();
    let last = new GwDocument(text, 'plaintext', 'file:///draft.txt');
    checkDocument(last); // warm the caches on the first version
    let changed = 0;
    for (let i = 0; i < 60; i++) {
      const before = text;
      text = randomEdit(text, r, phrases);
      // Reuses what the previous version cached, and the previous model's unchanged lines, as the server does.
      const doc = new GwDocument(text, 'plaintext', 'file:///draft.txt', last);
      const warm = JSON.stringify(checkDocument(doc));
      last = doc;
      resetCaches();
      const cold = check(text); // nothing reused
      assert.strictEqual(warm, cold, `edit ${i + 1}: the cached analysis differs from a full one`);
      if (warm !== check(before)) changed++;
    }
    // The edits must matter, or the comparison proves nothing.
    assert.ok(changed >= 30, `only ${changed} of 60 edits changed the findings`);
  });

  it('takes over unchanged lines from the previous version exactly as a fresh split cuts them, CR and CRLF included', () => {
    const r = gen.prng(5);
    const pieces = ['\n', '\r', '\r\n', '\n\n', '一、', '　　推进', '工作', 'abc', '。', ''];
    const pick = () => pieces[Math.floor(r() * pieces.length)];
    let text = Array.from({ length: 200 }, pick).join('');
    let prev = new GwDocument(text);
    let multiLine = 0;
    for (let i = 0; i < 2000; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const del = r() < 0.4 ? Math.floor(r() * 4) : 0;
      text = text.slice(0, at) + (r() < 0.7 ? pick() + pick() : '') + text.slice(at + del);
      const strip = (ls: { index: number; start: number; text: string; eol: string }[]) => ls.map((l) => [l.index, l.start, l.text, l.eol]);
      const reused = reuseLines(prev, text);
      assert.deepStrictEqual(strip(reused), strip(splitLines(text)), `edit ${i + 1} at ${at}: ${JSON.stringify(text)}`);
      if (reused.length > 3) multiLine++;
      prev = new GwDocument(text, 'plaintext', '', prev);
    }
    assert.ok(multiLine > 1000, 'the texts must have lines to take over');
  });

  it('gives the findings of a cold analysis for a Markdown draft whose fences, front matter and comments come and go', function () {
    this.timeout(120000);
    // Markdown masking runs across lines: an unchanged line's prose may change when a fence opens above it.
    const r = gen.prng(21);
    const pieces = ['```\n', '---\n', '<!-- ', ' -->', '\n', '一、', '（二）', '1. ', '## ', '**', '高度重视', '一是', '二是', '。', '\r\n', '`', '附件：'];
    const body = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? `${'一二三四五六七八'[i / 5]}、第${i}节\n` : `　　高度重视，坚定不移地推进第${i}项工作，一是抓落实，二是抓推进。\n`)).join('');
    let text = `---\ntitle: 通知\n---\n# 关于做好工作的通知\n\n${body}\`\`\`\n一、代码\n\`\`\`\n<!-- 注释 -->\n`;
    const uri = 'file:///draft.md';
    resetCaches();
    let last = new GwDocument(text, 'markdown', uri);
    checkDocument(last);
    let changed = 0;
    for (let i = 0; i < 150; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const del = r() < 0.3 ? Math.floor(r() * 5) : 0;
      text = text.slice(0, at) + pieces[Math.floor(r() * pieces.length)] + text.slice(at + del);
      const doc = new GwDocument(text, 'markdown', uri, last);
      const warm = JSON.stringify(checkDocument(doc));
      resetCaches();
      const cold = JSON.stringify(checkDocument(new GwDocument(text, 'markdown', uri)));
      assert.strictEqual(warm, cold, `edit ${i + 1}: ${JSON.stringify(text)}`);
      if (warm !== JSON.stringify(checkDocument(last))) changed++;
      last = doc;
    }
    assert.ok(changed >= 50, `only ${changed} of 150 edits changed the findings`);
  });

  it('gives the findings and outline of a cold analysis when the caches are turned off and on between versions', function () {
    // A large document is modelled with the per-line caches off and keeps nothing per line for the next
    // version (its markers and 序次语); edited below gongwen.maxFileSize, it is the previous version of a model
    // made with them on, and the other way round.
    this.timeout(120000);
    const r = gen.prng(31);
    const pieces = ['\n一、', '\n（二）', '\n2.', '\n(3)', '一是', '二是', '第一，', '\n', '附件：', '\n## ', '**', '高度重视', '。'];
    const body = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? `${'一二三四五六七八'[i / 5]}、第${i}节\n` : `　　（${i % 5}）推进第${i}项工作，一是抓落实，二是抓推进。\n`)).join('');
    const state = (doc: GwDocument) => JSON.stringify([checkDocument(doc), outlineText(doc), doc.nodes.map((n) => [n.line, n.endLine, n.children.length])]);
    try {
      for (const format of ['plaintext', 'markdown'] as const) {
        let text = `关于做好工作的通知\n\n${body}`;
        let last: GwDocument | undefined;
        for (let i = 0; i < 80; i++) {
          const at = Math.floor(r() * (text.length + 1));
          text = text.slice(0, at) + pieces[Math.floor(r() * pieces.length)] + text.slice(at + (r() < 0.3 ? 2 : 0));
          setLineCaching(i % 3 !== 1);
          const doc = new GwDocument(text, format, 'file:///toggle', last);
          const warm = state(doc);
          setLineCaching(true);
          resetCaches();
          assert.strictEqual(warm, state(new GwDocument(text, format, 'file:///toggle')), `${format}, edit ${i + 1}: ${JSON.stringify(text)}`);
          last = doc;
        }
      }
    } finally {
      setLineCaching(true);
    }
  });

  it('keeps the outline and series checks of the last version while typing leaves the numbering and series as they were', () => {
    resetCaches();
    const lines = [
      '关于加强基层工作的报告',
      '',
      '一、总体情况',
      '　　今年以来，各项工作稳步推进。',
      '（一）抓好项目建设。群众反映较多的问题，要逐条建立台账。',
      '1.推动服务流程。一是优化窗口；二是压缩时限；四是公开进度。',
      '3.推动信息报送。对工作推进慢的，由市里约谈。',
      '　　下一步，我们将继续推进',
      '　　一是抓落实。二是抓推进。',
      '（三）做好保障。',
    ];
    const base = lines.join('\n');
    const uri = 'file:///typing.txt';
    const first = new GwDocument(base, 'plaintext', uri);
    const before = checkDocument(first);
    // outline-sequence (3. after 1., （三） after （一）) and series-sequence (四是 after 二是) are what is kept.
    const codes = (fs: { code: string }[]) => [...new Set(fs.map((f) => f.code))].sort();
    assert.ok(codes(before).includes('outline-sequence') && codes(before).includes('series-sequence'), codes(before).join());
    const typed = (line: number, at: number, what: string, del = 0) =>
      lines.map((l, i) => (i === line ? l.slice(0, at) + what + l.slice(at + del) : l)).join('\n');
    // Each edit: the text, and whether the outline's numbering and the series stay as they were.
    const edits: [string, string, boolean, boolean][] = [
      ['a word in a paragraph', typed(3, 2, '全市'), true, true],
      ["a word in an item's title", typed(6, 2, '根据'), true, true],
      ['a word in a line that holds 序次语', typed(5, 2, '根据'), true, false],
      ["a word between a marker's number and its mark", typed(6, 1, '据'), false, false],
      ['the number of an item', typed(6, 0, '2', 1), false, false],
      ['a 序次语 typed into a line', typed(3, 2, '三是'), true, false],
      ['the 。 that ends the line before a series', typed(7, lines[7].length, '。'), true, false],
      ['a line made blank', typed(3, 0, '', lines[3].length), true, false],
      // Blank now, the line before 一是 no longer runs on into it: 一是 opens a paragraph.
      ['a line that ends no sentence made blank', typed(7, 0, '', lines[7].length), true, false],
      ['a new line', typed(3, 2, '\n'), false, false],
    ];
    for (const [what, text, numbering, series] of edits) {
      resetCaches();
      const cold = JSON.stringify(checkDocument(new GwDocument(text, 'plaintext', uri)));
      resetCaches();
      const last = new GwDocument(base, 'plaintext', uri);
      checkDocument(last);
      const doc = new GwDocument(text, 'plaintext', uri, last);
      assert.strictEqual(doc.outlineShape === last.outlineShape, numbering, `${what}: numbering kept`);
      assert.strictEqual(doc.series === last.series, series, `${what}: series kept`);
      assert.strictEqual(JSON.stringify(checkDocument(doc)), cold, `${what}: the findings of a cold analysis`);
    }
  });

  it("keeps a line's half-width findings only while its prose and the columns other checks claim on it stay as they were", () => {
    const uri = 'file:///marks.txt';
    const lines = [
      '关于做好防汛工作的通知',
      '',
      '一、总体要求(试行):',
      '',
      '　　今年入汛以来,全市降雨偏多;各地要加强值守.',
      '二、具体措施',
      '(1)加强巡查,及时处置险情。',
      '　　请认真贯彻执行。',
    ];
    const at = (t: string[], line: number, col: number, what: string, del = 0) => t.map((l, i) => (i === line ? l.slice(0, col) + what + l.slice(col + del) : l));
    const marks = (fs: { code: string; range: { start: { line: number; character: number } } }[], line: number) =>
      fs.filter((f) => f.code === 'punct-halfwidth' && f.range.start.line === line);
    // Each edit, the line looked at, and whether its findings must be the very objects of the last check.
    const edits: [string, string[], number, boolean][] = [
      ['typing in another line', at(lines, 7, 2, '各单位'), 4, true],
      ['typing in the line', at(lines, 4, 2, '据统计,'), 4, false],
      ["typing in an item's text", at(lines, 6, 5, '每日'), 6, false],
      ['typing in the line above an item', at(lines, 4, 2, '全市'), 6, true],
      // With nothing under it, 一、 heads no section: its colon is no longer title-punct's but punct-halfwidth's.
      ['an edit elsewhere that changes what another check claims on the line', at(lines, 4, 0, '', lines[4].length), 2, false],
    ];
    for (const [what, edited, line, kept] of edits) {
      resetCaches();
      const cold = checkDocument(new GwDocument(edited.join('\n'), 'plaintext', uri));
      resetCaches();
      const last = new GwDocument(lines.join('\n'), 'plaintext', uri);
      const before = checkDocument(last);
      assert.ok(marks(before, line).length > 0, `${what}: line ${line} has half-width marks`);
      const warm = checkDocument(new GwDocument(edited.join('\n'), 'plaintext', uri, last));
      assert.strictEqual(JSON.stringify(warm), JSON.stringify(cold), `${what}: the findings of a cold analysis`);
      const now = marks(warm, line);
      const same = now.length === marks(before, line).length && now.every((f, i) => f === marks(before, line)[i]);
      assert.strictEqual(same, kept, `${what}: line ${line}'s findings kept`);
    }
  });

  it('reads the series again only in the blocks between markers that an edit touched', () => {
    const lines = [
      '一、总体情况',
      '　　一是抓落实；二是抓推进；四是抓保障。',
      '二、下一步工作',
      '　　首先，要统一思想；其次，要压实责任；再次，要强化考核。',
      '三、保障措施',
      '　　一要加强领导，二要加强督查。',
    ];
    const uri = 'file:///blocks.txt';
    const typed = (line: number, at: number, what: string) => lines.map((l, i) => (i === line ? l.slice(0, at) + what + l.slice(at) : l)).join('\n');
    const seriesFindings = <F extends { code: string }>(fs: F[]) => fs.filter((f) => f.code.startsWith('series-'));
    for (const [what, text, edited] of [
      ['typing before the 序次语 of the second block', typed(3, 2, '今后'), 1],
      ['typing in the line of the first block, before its 四是', typed(1, 6, '好'), 0],
    ] as const) {
      resetCaches();
      const cold = JSON.stringify(checkDocument(new GwDocument(text, 'plaintext', uri)));
      resetCaches();
      const last = new GwDocument(lines.join('\n'), 'plaintext', uri);
      const before = checkDocument(last);
      const doc = new GwDocument(text, 'plaintext', uri, last);
      const warm = checkDocument(doc);
      assert.strictEqual(JSON.stringify(warm), cold, `${what}: the findings of a cold analysis`);
      // One series per block: the edited block's is read again, the others are the last version's.
      assert.strictEqual(doc.series.length, 3, what);
      doc.series.forEach((s, i) => assert.strictEqual(last.series.includes(s), i !== edited, `${what}: series ${i} kept`));
      // And their findings with them: the first block's series-sequence (四是 after 二是) is the very finding.
      const kept = (fs: typeof before) => seriesFindings(fs).filter((f) => f.range.start.line === 1);
      assert.strictEqual(kept(warm).length, 1, what);
      assert.strictEqual(kept(warm)[0] === kept(before)[0], edited !== 0, `${what}: the first block's finding kept`);
    }
  });

  it('applies the severities configured now to findings kept from the last version', () => {
    resetCaches();
    const text = (w: string) => `一、总体\n　　${w}今年以来，各项工作稳步推进。\n三、下一步\n　　一是抓落实。三是抓推进。\n`;
    const uri = 'file:///severity.txt';
    const severities = (fs: { code: string; severity: string }[]) => fs.filter((f) => f.code.endsWith('-sequence')).map((f) => `${f.code}:${f.severity}`);
    const first = new GwDocument(text(''), 'plaintext', uri);
    assert.deepStrictEqual(severities(checkDocument(first, { rules: { 'outline-sequence': 'hint', 'series-sequence': 'error' } })), [
      'outline-sequence:hint',
      'series-sequence:error',
    ]);
    const second = new GwDocument(text('全市'), 'plaintext', uri, first);
    assert.ok(second.outlineShape === first.outlineShape && second.series === first.series, 'the checks are kept');
    assert.deepStrictEqual(severities(checkDocument(second)), ['outline-sequence:error', 'series-sequence:warning']);
  });

  it('recognises the same 公文 elements with the previous version lending its unchanged lines', () => {
    const r = gen.prng(9);
    const notice = [
      '关于开展安全生产大检查的通知',
      '',
      '各区县人民政府，市政府各部门：',
      '　　为切实做好安全生产工作，现就有关事项通知如下。',
      '　　一、检查范围',
      '　　全市各类生产经营单位。',
      '',
      '附件：1.检查表',
      '　　　2.联系人名单',
      '',
      '市人民政府办公室',
      '2024年3月5日',
      '',
      '抄送：市委办公室。',
      '市人民政府办公室　　2024年3月5日印发',
    ].join('\n');
    const shape = (d: GwDocument) => JSON.stringify({ all: d.elements.all, dates: d.elements.dates, headings: d.elements.headings });
    let text = notice;
    let prev = new GwDocument(text);
    void prev.elements;
    const typed = ['的', '：', '。', '\n', '2024年3月6日', '印发', '抄送：', '附件：', ''];
    let differed = 0;
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const del = r() < 0.3 ? 1 + Math.floor(r() * 3) : 0;
      text = text.slice(0, at) + typed[Math.floor(r() * typed.length)] + text.slice(at + del);
      const doc = new GwDocument(text, 'plaintext', '', prev);
      const warm = shape(doc);
      assert.strictEqual(warm, shape(new GwDocument(text)), `edit ${i + 1}: ${JSON.stringify(text)}`);
      if (warm !== shape(prev)) differed++;
      prev = doc;
    }
    assert.ok(differed > 30, `only ${differed} edits changed the elements`);
  });

  it('finds a phrase typed into a line that was cached without it, and forgets it once deleted', () => {
    resetCaches();
    const line = '　　全市项目完成投资60.9亿元，同比增长8.3%，明确时间表和责任人。';
    const base = `一、总体情况\n${line}\n`;
    const codes = (t: string) => checkDocument(new GwDocument(t)).filter((f) => f.code === 'cliche').map((f) => `${f.range.start.line}:${f.range.start.character}`);
    assert.deepStrictEqual(codes(base), []);
    const typed = base.replace('明确', '高度重视，明确');
    assert.deepStrictEqual(codes(typed), [`1:${line.indexOf('明确')}`]);
    assert.deepStrictEqual(codes(base), []);
  });

  it('re-checks an unchanged line for repeat-nearby when the text within the window before it changed', () => {
    // repeat-nearby caches each line's pairs keyed by the line and the window before it: the second line here
    // never changes, but whether it repeats the first depends on the first.
    resetCaches();
    const second = '　　要把基层队伍建设作为今年的重点。';
    const doc = (first: string) => `关于加强基层工作的报告\n\n　　今年以来，各项工作稳步推进。\n${first}\n${second}\n`;
    const nearby = (t: string) => checkDocument(new GwDocument(t)).filter((f) => f.code === 'repeat-nearby').map((f) => `${f.range.start.line}:${f.range.start.character}`);
    // Both versions of the first line end alike, so only a key holding the whole window tells them apart.
    const plain = doc('　　全市上下推进了制度建设。');
    const repeated = doc('　　必须抓好基层队伍建设。');
    assert.deepStrictEqual(nearby(plain), []);
    assert.deepStrictEqual(nearby(repeated), [`4:${second.indexOf('基层队伍建设')}`]);
    assert.deepStrictEqual(nearby(plain), []);
  });
});

describe('incremental analysis: what repeat-nearby keeps per document', () => {
  /** Chinese text of n characters with no 4-character phrase repeated (a fixed pseudo-random sequence). */
  function filler(n: number, seed: number): string {
    const chars = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐吊民伐罪周发殷汤坐朝问道垂拱平章爱育黎首臣伏戎羌遐迩壹体率宾归王';
    let x = seed * 7919 + 17;
    let s = '';
    for (let i = 0; i < n; i++) {
      x = (x * 48271) % 2147483647;
      s += chars[x % chars.length];
    }
    return s;
  }
  const para = (seed: number) => `　　${filler(70, seed)}，${filler(70, seed + 100)}。`;
  const nearby = (doc: GwDocument) => checkDocument(doc).filter((f) => f.code === 'repeat-nearby').map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`);
  /** Checks each version after the one before it (the model and the repeat state carried over), then each cold. */
  function warmAndCold(versions: string[]): { warm: string[][]; cold: string[][] } {
    resetCaches();
    let prev: GwDocument | undefined;
    const warm = versions.map((t) => nearby((prev = new GwDocument(t, 'plaintext', 'file:///kept.txt', prev))));
    const cold = versions.map((t) => {
      resetCaches();
      return nearby(new GwDocument(t, 'plaintext', 'file:///kept.txt'));
    });
    return { warm, cold };
  }

  it('scans an unchanged line again when an edit elsewhere makes its 序次语 blanked or not', () => {
    // 二是 after a comma is a 序次语 only when a 一是 opens the series lines before: blanked, the repeat is
    // 加强队伍建设; not, it is 是加强队伍建设. The line is more than the window away from the edit.
    const doc = (first: string) => `关于加强基层工作的报告\n\n${first}\n${para(1)}\n　　这就是加强队伍建设的要求，也就是说，二是加强队伍建设。\n`;
    const { warm, cold } = warmAndCold([doc('　　一是加强学习。'), doc('　　加强学习。'), doc('　　一是加强学习。')]);
    assert.deepStrictEqual(cold, [['4:22-28'], ['4:21-28'], ['4:22-28']]);
    assert.deepStrictEqual(warm, cold);
  });

  it('counts a phrase new to the topic-term dictionary without the 序次语 its occurrences overlap', () => {
    // 的关键是加强队伍建设 is flagged because 的关键是 stays outside the topic terms (加强队伍, 强队伍建, 队伍建设 occur
    // in every quarter). 是加强队 occurs in the document text in each 一是加强队伍建设, but 一是 is blanked there: counted
    // anyway, it would be a topic term too and hide the repeat.
    const series = '　　一是加强队伍建设。';
    const typed = '　　我们认为的关键是加强队伍建设，他们讲的关键是加强队伍建设。';
    const doc = (withTyped: boolean) =>
      [
        '关于加强基层工作的报告',
        '',
        series,
        para(1),
        '　　抓好基层治理工作，还要抓好基层治理工作。', // a repeat before the edit: the dictionary exists
        para(2),
        series,
        para(3),
        ...(withTyped ? [typed] : []),
        para(4),
        series,
        para(5),
        para(6),
        series,
        para(7),
      ].join('\n') + '\n';
    const { warm, cold } = warmAndCold([doc(false), doc(true)]);
    assert.deepStrictEqual(cold, [['4:13-21'], ['4:13-21', `8:${typed.lastIndexOf('的关键是')}-${typed.length - 1}`]]);
    assert.deepStrictEqual(warm, cold);
  });

  it('moves a topic-term occurrence to the next quarter when an edit before it moves the quarter edge past it', () => {
    // 加强队伍建设 occurs in the first quarter, just before its end, and twice more in the last: two quarters, no
    // topic term, so the repeat 是加强队伍建设 is flagged. Typing at the start pushes the occurrence near the edge
    // into the second quarter (the edge moves a quarter as far): three quarters, a topic term, the repeat hidden.
    const typedLine = '　　这正是加强队伍建设，那也是加强队伍建设的关键。';
    const build = (pad: number, typed: string) =>
      ['关于加强基层工作的报告', '', `　　${typed}${filler(30, 9)}。`, '　　加强队伍建设。', para(1), `　　${filler(pad, 3)}加强队伍建设。`, para(2), para(3), para(4), para(5), typedLine, para(6)].join('\n') + '\n';
    // The pad that puts the occurrence a few characters before the first quarter's edge.
    let pad = 1;
    for (; pad < 400; pad++) {
      const t = build(pad, '');
      const at = t.indexOf('加强队伍建设', t.indexOf(filler(pad, 3)));
      const edge = Math.ceil(t.length / 4);
      if (at < edge && at + 10 >= edge) break;
    }
    const { warm, cold } = warmAndCold([build(pad, ''), build(pad, '今年以来各项工作稳步推进全市上下'), build(pad, '')]);
    const line = `10:${typedLine.lastIndexOf('是加强队伍建设')}-${typedLine.lastIndexOf('是加强队伍建设') + 7}`;
    assert.deepStrictEqual(cold, [[line], [], [line]]);
    assert.deepStrictEqual(warm, cold);
  });
});
