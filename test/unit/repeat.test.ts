// repeat-nearby and repeat-successive on text we write (and on the seed).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, checkText, CheckOptions, DocFormat, Finding, fixAllEdits, GwDocument } from '../../server/src/core';
import { findDoubled } from '../../server/src/core/rules/repeat';

const SEED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'seed');

function find(text: string, code: string, options: Partial<CheckOptions> = {}, format: DocFormat = 'plaintext'): Finding[] {
  return checkText(text, format, options).findings.filter((f) => f.code === code);
}

function covered(text: string, f: Finding): string {
  const doc = new GwDocument(text);
  return text.slice(doc.offsetAt(f.range.start), doc.offsetAt(f.range.end));
}

const nearby = (text: string, options: Partial<CheckOptions> = {}) => find(text, 'repeat-nearby', options).map((f) => covered(text, f));
const doubled = (text: string) => find(text, 'repeat-successive', {}).map((f) => covered(text, f));

/** Chinese filler of n characters from a fixed pseudo-random sequence: no 4-character phrase repeats in it. */
function filler(n: number, seed = 1): string {
  const chars = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐吊民伐罪周发殷汤坐朝问道垂拱平章爱育黎首臣伏戎羌遐迩壹体率宾归王';
  let x = seed * 7919 + 17;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 48271) % 2147483647; // Park–Miller
    s += chars[x % chars.length];
  }
  return s;
}

describe('repeat-nearby', () => {
  it('flags the second of two close sentences saying the same thing, with the first as related', () => {
    const text = '我们要加强队伍建设。今年还要继续加强队伍建设。';
    const fs_ = find(text, 'repeat-nearby');
    assert.deepStrictEqual(fs_.map((f) => covered(text, f)), ['加强队伍建设']);
    const f = fs_[0];
    assert.strictEqual(f.severity, 'information');
    assert.strictEqual(f.range.start.character, 16);
    assert.deepStrictEqual(f.related?.[0].range, { start: { line: 0, character: 3 }, end: { line: 0, character: 9 } });
    assert.ok(f.message.includes('“加强队伍建设”在 13 字之内重复出现（上一处在第 1 行）') && f.message.includes('惯例'), f.message);
  });

  it('needs four Chinese characters: a three-character repeat passes', () => {
    assert.deepStrictEqual(nearby('要抓队伍。再抓队伍。'), []);
  });

  it('follows the window: start to start, default 100 characters, a setting', () => {
    const at = (gap: number) => '加强队伍建设。' + filler(gap - 7) + '加强队伍建设。';
    // the second starts exactly `gap` characters after the first
    assert.deepStrictEqual(nearby(at(100)), ['加强队伍建设']);
    assert.deepStrictEqual(nearby(at(101)), []);
    assert.deepStrictEqual(nearby(at(101), { repeatWindow: 200 }), ['加强队伍建设']);
    assert.deepStrictEqual(nearby(at(60), { repeatWindow: 50 }), []);
    assert.deepStrictEqual(nearby(at(500), { repeatWindow: 1e9 }), ['加强队伍建设']);
  });

  it('reports UTF-16 columns on the right lines with CRLF line ends', () => {
    const text = '甲。\r\n我们要加强队伍建设。\r\n今年还要加强队伍建设。\r\n';
    const [f] = find(text, 'repeat-nearby');
    assert.deepStrictEqual(f.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 10 } });
    assert.deepStrictEqual(f.related?.[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } });
  });

  it('spans line breaks but never crosses punctuation', () => {
    assert.deepStrictEqual(nearby('我们要加强队伍建设。\n今年还要加强队伍建设。'), ['要加强队伍建设']);
    // 建设。今年 is not a phrase: punctuation splits it into two of three characters
    assert.deepStrictEqual(nearby('抓建设。今年做，抓建设。今年做。'), []);
  });

  it('skips parallel structure (排比) after 序次语: 一是坚定不移地推进…，二是坚定不移地推进…', () => {
    const text = '一是坚定不移地推进思想解放，二是坚定不移地推进创新驱动，三是坚定不移地推进城乡融合。';
    assert.deepStrictEqual(nearby(text), []);
  });

  it('skips parallel clauses with their own subjects: 看得最多的是…，听得最多的是…', () => {
    assert.deepStrictEqual(nearby('我们看得最多的是产业，听得最多的是创新。'), []);
    assert.deepStrictEqual(nearby('甲市提出要建设绿色都市，乙市提出要建设人文都市。'), []);
    assert.deepStrictEqual(nearby('各部门主要负责同志要亲自抓，分管负责同志要具体抓。'), []);
  });

  it('measures a parallel clause\'s lead without its 序次语, and with its digits and Latin letters', () => {
    // 我们各个部门 / 你们各个单位: six characters before 都要加强队伍建设 once 一是 and 二是 are left out.
    assert.deepStrictEqual(nearby('一是我们各个部门都要加强队伍建设工作，二是你们各个单位都要加强队伍建设管理。'), []);
    // 全市所属13个部门: nine characters of one clause, too deep into it for 排比.
    assert.deepStrictEqual(nearby('全市所属13个部门都要加强队伍建设工作，全省所属21个单位都要加强队伍建设管理。'), ['都要加强队伍建设']);
    assert.deepStrictEqual(nearby('全市所属AB个部门都要加强队伍建设工作，全省所属CD个单位都要加强队伍建设管理。'), ['都要加强队伍建设']);
  });

  it('still flags a phrase that makes up a whole clause twice, or sits deep in a sentence', () => {
    assert.deepStrictEqual(nearby('一是加强队伍建设。二是加强队伍建设。'), ['加强队伍建设']);
    assert.deepStrictEqual(nearby('会上研究了城乡居民收入问题，今年城乡居民收入增长较快。'), ['城乡居民收入']);
  });

  it('never pairs the outline markers themselves, and skips headings', () => {
    assert.deepStrictEqual(nearby('一、加强队伍建设工作\n（一）加强队伍建设管理\n（二）加强队伍建设考核\n'), []);
    assert.deepStrictEqual(nearby('现将会议议定事项纪要如下：\n一、议定事项\n内容。\n'), []);
    // 一、二、 are blanked: 一、二、三、四 in a line of markers never forms a phrase
    assert.deepStrictEqual(nearby('一、甲乙丙\n二、甲乙丁\n'), []);
  });

  it('skips topic terms that recur evenly across the document', () => {
    // 营商环境 occurs in every quarter of the document: it is what the document is about.
    const para = (i: number) => `营商环境是本报告的主题，${filler(30, i * 7)}。`;
    const text = [para(1), '营商环境评价结果显示，今年我市营商环境便利度排名上升。', para(2), para(3), para(4), para(5)].join('\n');
    assert.deepStrictEqual(nearby(text), []);
    // the same pair in a document where the phrase does not recur is flagged
    assert.deepStrictEqual(nearby('营商环境评价结果显示，今年我市营商环境便利度排名上升。'), ['营商环境']);
  });

  it('keeps flagging the non-topic part of a longer repeat', () => {
    const para = (i: number) => `营商环境是本报告的主题，${filler(30, i * 7)}。`;
    const text = [para(1), '要加强营商环境督查工作。还要加强营商环境督查工作。', para(2), para(3), para(4)].join('\n');
    assert.deepStrictEqual(nearby(text), ['要加强营商环境督查工作']);
  });

  it('reads only the 正文: a 决议 repeats its meeting name in title, date line and first sentence', () => {
    const text = '全市工作会议关于年度计划的决议\n（2024年2月7日全市工作会议通过）\n\n全市工作会议听取和审议了年度计划。\n';
    assert.deepStrictEqual(nearby(text), []);
  });

  it('leaves phrases on the allow list alone', () => {
    const text = '我们要加强队伍建设。今年还要加强队伍建设。';
    assert.deepStrictEqual(nearby(text, { allow: ['队伍建设'] }), []);
  });
});

describe('repeat-successive', () => {
  const POSITIVE: [string, string, string][] = [
    ['会议的的主要任务是部署工作。', '的', '会议的主要任务是部署工作。'],
    ['我们完成了了全年任务。', '了', '我们完成了全年任务。'],
    ['对全市档案进行进行清理。', '进行', '对全市档案进行清理。'],
    ['我们我们要按时完成。', '我们', '我们要按时完成。'],
    ['要加强加强安全管理。', '加强', '要加强安全管理。'],
    ['这是全市全市的工作。', '全市', '这是全市的工作。'],
  ];

  for (const [text, unit, fixed] of POSITIVE) {
    it(`flags ${unit}${unit} and deletes the second copy`, () => {
      const fs_ = find(text, 'repeat-successive');
      assert.strictEqual(fs_.length, 1, JSON.stringify(fs_.map((f) => f.message)));
      const f = fs_[0];
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), unit);
      const fix = f.fixes?.[0];
      assert.ok(fix?.preferred);
      assert.strictEqual(fix!.title, `删去重复的“${unit}”`);
      const doc = new GwDocument(text);
      assert.strictEqual(applyEdits(doc, fix!.edits), fixed);
      assert.ok(f.message.includes(`“${unit}${unit}”`) && f.message.includes('惯例'), f.message);
    });
  }

  it('fixes a tripled word down to one with fix-all', () => {
    const text = '这是我们的的的工作。';
    assert.strictEqual(find(text, 'repeat-successive').length, 2);
    const { doc, findings } = checkText(text);
    assert.strictEqual(applyEdits(doc, fixAllEdits(doc, findings.filter((f) => f.code === 'repeat-successive'))), '这是我们的工作。');
  });

  it('leaves legitimate reduplication alone', () => {
    const ok = [
      '我们常常下乡走走看看。',
      '天天学习，人人参与。',
      '他的的确确是这么说的。',
      '这件事最后不了了之。',
      '某某同志请假。',
      '市市场监管局负责此事。',
      '小组组长负责汇总。',
      '为了了解情况，我们走访了农户。',
      '要抓好安全生产以及及时上报。',
      '这是达到目的的手段。',
      '围绕着着力点开展工作。',
      '请大家回去研究研究。',
      '一步一步推进，一个一个落实。',
      '会场里哈哈哈哈笑成一片。',
      '实实在在地干，干干净净地做。',
      '说的的确是实情。',
    ];
    for (const s of ok) assert.deepStrictEqual(doubled(s), [], s);
  });

  it('finds doubled words column by column in a line', () => {
    assert.deepStrictEqual(findDoubled('甲的的乙了了丙'), [
      { col: 1, unit: '的' },
      { col: 4, unit: '了' },
    ]);
    assert.deepStrictEqual(findDoubled('常常看看天天'), []);
  });

  it('does not pair words across a line break or punctuation', () => {
    assert.deepStrictEqual(doubled('我们完成了\n了解情况。'), []);
    assert.deepStrictEqual(doubled('加强，加强管理。'), []);
  });

  it('produces nothing on 100 KB of ordinary text', () => {
    // Ordinary sentences of our own, chosen by a fixed linear congruential sequence until 100 KB (UTF-8).
    const sentences = [
      '市政府办公室于三月五日召开专题会议，研究全市老旧小区改造工作。',
      '会议听取了住房和城乡建设局关于改造进度的汇报。',
      '截至二月底，全市已完成改造小区四十二个，惠及居民一万一千户。',
      '为了了解群众意见，街道干部逐户走访，共收集建议三百余条。',
      '各区要按照年度计划，倒排时间节点，每月五日前报送进展。',
      '财政局负责统筹改造资金，确保按期拨付到位。',
      '施工单位应当严格执行安全规范，常常检查脚手架和临时用电。',
      '对群众反映的问题，相关部门要在七个工作日内答复。',
      '市市场监管局负责对电梯加装工程开展质量抽查。',
      '审计部门将在年底对资金使用情况进行专项审计。',
      '这项工作关系到千家万户，的的确确需要各方面共同配合。',
      '小组组长每周汇总一次进度，报送领导小组办公室。',
      '天天有人值班，人人明确分工，事事有人负责。',
      '对于长期拖延、不了了之的问题，纪检监察机关将依规问责。',
      '改造完成后，由街道组织居民代表进行验收。',
      '去年全市共接待来访群众二千三百人次，办结率为百分之九十六。',
      '请各单位于四月十日前将联系人名单报送市政府办公室。',
      '附件中的表格请按统一格式填写，不要改动表头。',
      '要抓好安全生产以及及时上报信息，避免迟报漏报。',
      '围绕着着力解决停车难问题，各区提出了具体方案。',
      '目前已有十六个小区完成雨污分流改造。',
      '下一步，将结合城市更新，统筹推进配套设施建设。',
      '我们走访了六个社区，看看群众最关心什么。',
      '会后，各部门分头落实，按时反馈办理结果。',
      '居民们说，楼道亮了，路面平了，出行方便了。',
    ];
    let x = 12345;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
    const parts: string[] = [];
    let bytes = 0;
    while (bytes < 100 * 1024) {
      const s = sentences[next() % sentences.length];
      parts.push(s);
      bytes += Buffer.byteLength(s, 'utf8');
      if (next() % 5 === 0) {
        parts.push('\n');
        bytes += 1;
      }
    }
    const text = parts.join('');
    assert.ok(Buffer.byteLength(text, 'utf8') >= 100 * 1024);
    assert.deepStrictEqual(doubled(text), []);
  });
});

describe('repeat rules on the seed speech', () => {
  it('finds no doubled word in the seed', function () {
    const file = fs.existsSync(SEED_DIR) ? fs.readdirSync(SEED_DIR).find((n) => n.endsWith('.txt')) : undefined;
    if (!file) {
      this.skip(); // the seed lives beside the checkout (../shared/seed) and is not part of the project
    }
    const text = fs.readFileSync(path.join(SEED_DIR, file!), 'utf8');
    assert.deepStrictEqual(doubled(text), []);
    // and its 五个“坚定不移地推进” items are 排比, not nearby repeats
    const fs_ = find(text, 'repeat-nearby').map((f) => covered(text, f));
    assert.ok(!fs_.some((p) => p.includes('坚定不移地推进')), fs_.join(' '));
  });
});
