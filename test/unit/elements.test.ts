// 公文 elements recognised from the model's lines: what is an element, what only resembles one.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GwDocument, outlineSymbols } from '../../server/src/core';
import type { DocElement, ElementKind } from '../../server/src/core/elements';
import { parseDateLine, parseDocNumber } from '../../server/src/core/elements';

const SEED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'seed');

function seed(): string | undefined {
  if (!fs.existsSync(SEED_DIR)) return undefined;
  const f = fs.readdirSync(SEED_DIR).find((n) => n.endsWith('.txt'));
  return f ? fs.readFileSync(path.join(SEED_DIR, f), 'utf8') : undefined;
}

/** "kind startLine-endLine" (0-based lines) for each element. */
function shape(text: string, format: 'plaintext' | 'markdown' = 'plaintext'): string[] {
  return new GwDocument(text, format).elements.all.map((e) => `${e.kind} ${e.startLine}-${e.endLine}`);
}

function of(text: string, kind: ElementKind, format: 'plaintext' | 'markdown' = 'plaintext'): DocElement | undefined {
  return new GwDocument(text, format).elements.of(kind);
}

function spanText(text: string, e: DocElement, i = 0): string {
  const doc = new GwDocument(text);
  const s = e.spans[i];
  return doc.lines[s.line].text.slice(s.start, s.end);
}

// A 通知 laid out as GB/T 9704-2012 7 describes, in plain text.
const NOTICE = [
  'X市人民政府办公室文件', // 0
  '', // 1
  'X政办发〔2024〕5号', // 2
  '', // 3
  'X市人民政府办公室关于做好春季森林防火工作的通知', // 4
  '', // 5
  '各县（区）人民政府，市政府各部门：', // 6
  '    为切实做好今年春季森林防火工作，现将有关事项通知如下：', // 7
  '    一、提高认识', // 8
  '    各地要高度重视，切实加强领导。', // 9
  '    二、落实责任', // 10
  '    各单位要落实责任。', // 11
  '', // 12
  '    附件：1.春季森林防火责任分工表', // 13
  '          2.森林防火值班表', // 14
  '', // 15
  '                                X市人民政府办公室', // 16
  '                                2024年3月5日', // 17
  '', // 18
  '    （此件公开发布）', // 19
  '', // 20
  '────────────────', // 21
  '抄送：市委办公室，市人大常委会办公室。', // 22
  'X市人民政府办公室                2024年3月5日印发', // 23
  '',
].join('\n');

describe('公文 elements', () => {
  it('finds every element of a 通知 in order, with the 正文 between head and tail', () => {
    assert.deepStrictEqual(shape(NOTICE), [
      'docNumber 2-2',
      'title 4-4',
      'addressee 6-6',
      'body 7-11',
      'attachment 13-14',
      'signature 16-16',
      'date 17-17',
      'cc 22-22',
      'imprint 23-23',
    ]);
    const doc = new GwDocument(NOTICE);
    assert.strictEqual(doc.elements, doc.elements, 'computed once and kept');
    assert.strictEqual(doc.elements.at(9)?.kind, 'body');
    assert.strictEqual(doc.elements.at(14)?.kind, 'attachment');
    assert.strictEqual(doc.elements.at(19), undefined, 'the 附注 is no element of ours');
    const att = doc.elements.of('attachment')!.attachment!;
    assert.deepStrictEqual(att.items.map((i) => [i.number?.value, doc.lines[i.line].text.slice(i.nameStart, i.nameEnd)]), [
      [1, '春季森林防火责任分工表'],
      [2, '森林防火值班表'],
    ]);
    assert.strictEqual(doc.elements.of('date')!.date!.canonical, '2024年3月5日');
    assert.strictEqual(doc.elements.of('imprint')!.date!.text, '2024年3月5日');
    assert.strictEqual(spanText(NOTICE, doc.elements.of('signature')!), 'X市人民政府办公室');
  });

  it('reads a Markdown 通知 whose title is a # heading and whose addressee is in emphasis', () => {
    const md = '# 关于开展春季调研的通知\n\n**各处室：**\n\n请于3月5日前报送调研提纲。\n\n附件：调研提纲\n\n办公室\n2024年3月5日\n';
    assert.deepStrictEqual(shape(md, 'markdown'), ['title 0-0', 'addressee 2-2', 'body 4-4', 'attachment 6-6', 'signature 8-8', 'date 9-9']);
    const t = of(md, 'title', 'markdown')!;
    assert.deepStrictEqual([t.spans[0].start, t.spans[0].end], [2, 13], 'the hashes are not the title');
    const a = of(md, 'addressee', 'markdown')!;
    assert.deepStrictEqual([a.spans[0].start, a.spans[0].end], [2, 6], 'the emphasis is not the addressee');
  });

  it('reads a speech: a two-line title, the date under it in brackets, the salutation', () => {
    const speech = '坚定信心　真抓实干\n——在全市经济工作会议上的讲话\n（二〇二四年三月五日）\n\n同志们：\n今天召开会议，主要任务是总结工作。\n';
    assert.deepStrictEqual(shape(speech), ['title 0-1', 'date 2-2', 'addressee 4-4', 'body 5-5']);
    const d = of(speech, 'date')!.date!;
    assert.strictEqual(d.text, '二〇二四年三月五日');
    assert.strictEqual(d.start, 1, 'the date starts after the bracket');
    assert.strictEqual(d.canonical, '2024年3月5日');
  });

  it('finds an addressee written without its colon right under the title', () => {
    const text = '关于做好防汛工作的通知\n\n各乡镇人民政府，县直各单位\n请认真做好防汛准备。\n';
    assert.deepStrictEqual(shape(text), ['title 0-0', 'addressee 2-2', 'body 3-3']);
  });

  it('does not take lines that merely resemble elements', () => {
    // A lead-in sentence ending in a colon, a date inside a sentence, 附件 as a word, 抄送 as a verb, a cited 发文字号.
    const text = [
      '关于做好防汛工作的通知',
      '',
      '为做好今年防汛工作，现将有关事项通知如下：',
      '会议于2024年3月5日召开，附件中的表格请按时填报。',
      '根据《通知》（X政发〔2024〕5号）要求，请抄送有关单位。',
      '附件1',
      '附件：请于3月5日前报送，逾期不候。',
      '时间:2024-02-17 18:32:02 来源:网友投稿',
    ].join('\n');
    assert.deepStrictEqual(shape(text), ['title 0-0', 'body 2-7']);
    assert.deepStrictEqual(new GwDocument(text).elements.dates, []);
  });

  it('does not take an author line under a title for a 主送机关, nor a table row or a lone line for a title', () => {
    assert.deepStrictEqual(shape('2023年度工作总结\n\nX市财政局办公室\n\n一年来，我局认真履行职责。'), ['title 0-0', 'body 2-4']);
    assert.deepStrictEqual(shape('| 名称 | 说明 |\n|---|---|\n| 甲 | 乙 |', 'markdown'), ['body 0-2']);
    assert.deepStrictEqual(shape('市党政代表团外出考察工作总结'), ['body 0-0']);
  });

  it('does not make a title of a first paragraph, an outline item or a salutation', () => {
    assert.deepStrictEqual(shape('今天，我们召开总结会。\n这次活动取得圆满成功。'), ['body 0-1']);
    assert.deepStrictEqual(shape('一、总体要求\n坚持问题导向。'), ['body 0-1']);
    assert.deepStrictEqual(shape('同志们：\n今天召开会议。'), ['addressee 0-0', 'body 1-1']);
    assert.deepStrictEqual(shape(''), []);
  });

  it('does not take a date inside the 正文 with more paragraphs after it for the 成文日期', () => {
    const text = '关于调整会议时间的通知\n\n各单位：\n会议改在以下日期举行。\n\n2024年3月8日\n\n请各单位按时参加，不得缺席。\n';
    assert.deepStrictEqual(shape(text), ['title 0-0', 'addressee 2-2', 'body 3-7']);
    assert.deepStrictEqual(new GwDocument(text).elements.dates.map((d) => d.line), [5], 'still a date alone on its line');
  });

  it('reads the seed speech: its title, the salutation below the web header lines, a 正文 and no date', function () {
    const text = seed();
    if (!text) {
      this.skip(); // ../shared/seed is not beside this checkout
      return;
    }
    const doc = new GwDocument(text);
    const kinds = doc.elements.all.map((e) => e.kind);
    assert.deepStrictEqual(kinds, ['title', 'addressee', 'body']);
    assert.strictEqual(spanText(text, doc.elements.of('title')!), '市党政代表团外出考察工作总结');
    assert.strictEqual(spanText(text, doc.elements.of('addressee')!), '同志们:');
    assert.deepStrictEqual(doc.elements.dates, [], 'the 2024-02-17 18:32:02 time stamp is no 成文日期');
  });
});

describe('element parsers', () => {
  it('parses dates in every written form, and refuses what is no date', () => {
    const c = (s: string) => parseDateLine(s, 0, 0)?.canonical;
    assert.strictEqual(c('2024年2月17日'), '2024年2月17日');
    assert.strictEqual(c('二〇二四年二月十七日'), '2024年2月17日');
    assert.strictEqual(c('二○二四年十二月三十一日'), '2024年12月31日');
    assert.strictEqual(c('2024年02月07日'), '2024年2月7日');
    assert.strictEqual(c('２０２４年３月５日'), '2024年3月5日');
    assert.strictEqual(c('2024.2.17'), '2024年2月17日');
    assert.strictEqual(c('2024-2-17'), '2024年2月17日');
    assert.strictEqual(c('（2024年3月5日）'), '2024年3月5日');
    assert.strictEqual(parseDateLine('24年2月17日', 0, 0)?.shortYear, true);
    for (const no of ['2024-02-17 18:32:02', '2024年13月5日', '2024年2月', '2024.2-17', '（2024年3月5日', '3.5', '2024年2月17日召开']) {
      assert.strictEqual(parseDateLine(no, 0, 0), undefined, no);
    }
  });

  it('parses 发文字号 with any brackets and refuses lines that are not one', () => {
    const d = (s: string) => parseDocNumber(s, 0, 0)?.canonical;
    assert.strictEqual(d('京政发〔2024〕5号'), '京政发〔2024〕5号');
    assert.strictEqual(d('京政发[2024]5号'), '京政发〔2024〕5号');
    assert.strictEqual(d('京政发【2024】第5号'), '京政发〔2024〕5号');
    assert.strictEqual(d('京政发（2024）005号'), '京政发〔2024〕5号');
    assert.strictEqual(d('京政发〔2024〕5号    签发人：张三'), '京政发〔2024〕5号');
    assert.strictEqual(parseDocNumber('京政发〔24〕5号', 0, 0)?.shortYear, true);
    for (const no of ['京政发〔2024〕5号文件精神', '(2024)京0105民初123号之一', '第〔2024〕号', '2024年5号']) {
      assert.strictEqual(parseDocNumber(no, 0, 0), undefined, no);
    }
  });
});

describe('element symbols', () => {
  it('frame the 正文 tree: head elements above it, tail elements below, the tree unchanged', () => {
    const doc = new GwDocument(NOTICE);
    const syms = outlineSymbols(doc);
    assert.deepStrictEqual(syms.map((s) => `${s.kind} ${s.kind === 'element' ? s.detail || s.name : s.name}`), [
      'element 发文字号',
      'element 标题',
      'element 主送机关',
      'element 正文',
      'outline 一、提高认识',
      'outline 二、落实责任',
      'element 附件说明',
      'element 署名',
      'element 成文日期',
      'element 抄送',
      'element 印发机关和印发日期',
    ]);
    const title = syms[1];
    assert.strictEqual(title.name, 'X市人民政府办公室关于做好春季森林防火工作的通知');
    assert.deepStrictEqual(title.selectionRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 24 } });
    const date = syms[8];
    assert.strictEqual(date.name, '2024年3月5日');
    assert.strictEqual(date.selectionRange.start.character, 32);
  });

  it('leave the outline of a document with nothing but a 正文 as it was', () => {
    const syms = outlineSymbols(new GwDocument('今天召开会议，研究工作。\n一、甲项\n二、乙项'));
    assert.deepStrictEqual(syms.map((s) => [s.kind, s.name]), [['outline', '一、甲项'], ['outline', '二、乙项']]);
  });
});
