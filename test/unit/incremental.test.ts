// The checks reuse work across versions of a document (the cliché matcher caches each line's matches by its
// text, repeat-successive each line's doubled words). Whatever is reused, the findings after an edit must be exactly those of a cold, full analysis of
// the new text: this test types, deletes and pastes at random places in a generated 公文 and compares.
import * as assert from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDocument, GwDocument } from '../../server/src/core';
import { reuseLines, splitLines } from '../../server/src/core/model';
import { resetClicheMatcher } from '../../server/src/core/cliche/dictionary';
import { resetRepeatCaches } from '../../server/src/core/rules/repeat';
import { resetMarkerCache } from '../../server/src/core/markers';
import { resetSeriesCache } from '../../server/src/core/series-model';

/** Forgets everything cached across versions: the next analysis starts cold. */
function resetCaches(): void {
  resetClicheMatcher();
  resetRepeatCaches();
  resetMarkerCache();
  resetSeriesCache();
}

interface Generator {
  generate(bytes: number, seed?: number, cliches?: string[]): { text: string };
  prng(seed: number): () => number;
  loadCliches(): { phrases: string[] };
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
    gen = (await import(pathToFileURL(path.resolve(__dirname, '..', '..', 'bench', 'generate.mjs')).href)) as Generator;
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
