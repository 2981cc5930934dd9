// Deterministic generator of 公文-style benchmark documents (a 工作报告/讲话稿 shape): a title, 主送,
// four outline levels 一、→（一）→1.→（1）, 序次语 series (一是/二是, 第一/第二, 首先/其次/最后), stock
// phrases (套话) and a few planted numbering errors. Every sentence below is written for this benchmark.
//
//   node bench/generate.mjs [--sizes 100k,1m,10m] [--seed N] [--out bench/.data]
//
// Also writes the peers' configuration next to the documents: prh.yml (our cliché dictionary as prh
// rules, from server/data/cliches.json when it exists, otherwise from the phrase list below) and
// .textlintrc.json loading it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

export const SIZES = { '100k': 100 * 1024, '1m': 1024 * 1024, '10m': 10 * 1024 * 1024 };

/** mulberry32: a small seeded PRNG, so the same seed gives the same document on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stock phrases used when no dictionary file exists yet (and planted in the text either way). */
export const FALLBACK_CLICHES = [
  '高度重视', '进一步加强', '切实加强', '取得了明显成效', '取得了圆满成功', '圆满成功', '精心安排', '周密部署',
  '坚定不移', '高质量发展', '扎实推进', '全面落实', '统筹推进', '狠抓落实', '落到实处', '齐抓共管', '多措并举',
  '常抓不懈', '取得显著成效', '下了很大功夫', '不断提升', '积极探索', '认真贯彻', '深入开展', '大力推进',
  '有力有序', '全力以赴', '真抓实干', '务求实效', '形成合力', '久久为功', '守正创新', '提质增效', '稳中求进',
  '精准施策', '凝心聚力', '攻坚克难', '开拓进取', '意义重大', '影响深远', '成效明显', '亮点纷呈',
];

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function cn(n) {
  if (n < 10) return CN[n];
  if (n < 20) return '十' + (n % 10 ? CN[n % 10] : '');
  if (n < 100) return CN[Math.floor(n / 10)] + '十' + (n % 10 ? CN[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    const head = CN[Math.floor(n / 100)] + '百';
    if (rest === 0) return head;
    if (rest < 10) return head + '零' + CN[rest];
    return head + (rest < 20 ? '一' + cn(rest) : cn(rest));
  }
  const rest = n % 1000;
  const head = CN[Math.floor(n / 1000)] + '千';
  if (rest === 0) return head;
  return head + (rest < 100 ? '零' : '') + cn(rest).replace(/^十/, rest < 100 ? '一十' : '十');
}

const FIELDS = ['营商环境', '乡村振兴', '安全生产', '生态环境保护', '基层治理', '民生保障', '招商引资', '科技创新', '教育事业', '医疗卫生', '城市更新', '文化旅游', '财政管理', '就业服务', '防汛抗旱', '粮食生产'];
const ACTS = ['优化', '完善', '健全', '规范', '推动', '强化', '提升', '落实', '深化', '改进'];
const OBJS = ['工作机制', '考核办法', '资金监管', '队伍建设', '服务流程', '责任清单', '督查制度', '应急预案', '数据共享', '项目储备', '政策宣传', '信息报送'];
const UNITS = ['市发展改革委', '市财政局', '市住房城乡建设局', '市农业农村局', '市应急管理局', '各区县人民政府', '市教育局', '市卫生健康委', '市商务局', '市生态环境局'];
const TIMES = ['今年上半年', '一季度', '去年以来', '近三年', '截至10月底', '全年', '本月', '2025年'];

const SENTENCES = [
  (r) => `${pick(r, TIMES)}，${pick(r, UNITS)}围绕${pick(r, FIELDS)}${pick(r, ACTS)}${pick(r, OBJS)}，共办理事项${int(r, 20, 900)}件，办结率${int(r, 80, 99)}%`,
  (r) => `${pick(r, UNITS)}牵头${pick(r, ACTS)}${pick(r, FIELDS)}${pick(r, OBJS)}，${int(r, 2, 12)}月底前拿出方案并报市政府审定`,
  (r) => `全市${pick(r, FIELDS)}项目完成投资${int(r, 3, 180)}.${int(r, 1, 9)}亿元，同比增长${int(r, 2, 30)}.${int(r, 1, 9)}%`,
  (r) => `要把${pick(r, FIELDS)}摆在突出位置，${pick(r, ACTS)}${pick(r, OBJS)}，明确时间表和责任人`,
  (r) => `${pick(r, UNITS)}对${int(r, 10, 300)}家单位开展检查，发现问题${int(r, 5, 90)}个，已整改${int(r, 5, 80)}个`,
  (r) => `群众反映较多的${pick(r, FIELDS)}问题，要逐条建立台账，每月通报一次进展`,
  (r) => `各地要结合实际${pick(r, ACTS)}${pick(r, OBJS)}，不搞一刀切，不增加基层负担`,
  (r) => `对工作推进慢、问题整改不到位的，由${pick(r, UNITS)}约谈主要负责同志`,
  (r) => `${pick(r, TIMES)}新增${pick(r, FIELDS)}示范点${int(r, 3, 60)}个，覆盖${int(r, 10, 200)}个村（社区）`,
  (r) => `${pick(r, UNITS)}会同有关部门${pick(r, ACTS)}${pick(r, OBJS)}，做到底数清、情况明`,
  (r) => `预算执行进度达到${int(r, 40, 98)}%，比去年同期提高${int(r, 1, 15)}个百分点`,
  (r) => `下一步将重点${pick(r, ACTS)}${pick(r, FIELDS)}${pick(r, OBJS)}，确保年底前见到实效`,
];

function pick(r, a) {
  return a[Math.floor(r() * a.length)];
}
function int(r, lo, hi) {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** A sentence, sometimes dressed with a stock phrase. */
function sentence(r, cliches) {
  let s = pick(r, SENTENCES)(r);
  const roll = r();
  if (roll < 0.3) s = `${pick(r, cliches)}，${s}`;
  else if (roll < 0.45) s = `${s}，${pick(r, cliches)}`;
  return s;
}

function paragraph(r, cliches, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(sentence(r, cliches) + (i === n - 1 || r() < 0.6 ? '。' : '；'));
  return '　　' + out.join('');
}

const SERIES_STYLES = [
  (i) => cn(i) + '是',
  (i) => '第' + cn(i) + '，',
  (i) => ['首先，', '其次，', '再次，'][i - 1] ?? '最后，',
];

/** A paragraph that lists its points with 序次语 inline; sometimes a planted skip (一是、二是、四是). */
function seriesParagraph(r, cliches, state) {
  const style = int(r, 0, SERIES_STYLES.length - 1);
  const n = style === 2 ? int(r, 2, 4) : int(r, 2, 5);
  const plantSkip = style === 0 && n >= 3 && r() < 0.08;
  if (plantSkip) state.planted.series++;
  const parts = [];
  for (let i = 1; i <= n; i++) {
    const k = plantSkip && i === n ? i + 1 : i;
    const label = style === 2 && i === n && n > 1 ? '最后，' : SERIES_STYLES[style](k);
    parts.push(label + sentence(r, cliches));
  }
  return '　　' + `${pick(r, ['重点抓好以下工作：', '主要做法是：', '具体要求有几点：'])}${parts.join('；')}。`;
}

const L1 = ['统一思想认识', '突出工作重点', '压实工作责任', '强化要素保障', '改进工作作风', '加强组织领导', '防范化解风险', '聚焦民生实事'];
const L2 = ['健全工作机制', '抓好项目建设', '加强督促检查', '完善配套政策', '做好宣传引导', '夯实基层基础'];

/**
 * Generates a document of at least `bytes` UTF-8 bytes. Numbering errors are planted on purpose (a skipped
 * （二）→（四）, a wrong mark 3、, a half-width bracket); `planted` counts them so a reader can check.
 */
export function generate(bytes, seed = 20260101, cliches = FALLBACK_CLICHES) {
  const r = prng(seed);
  const state = { planted: { outlineSkip: 0, wrongMark: 0, halfBracket: 0, series: 0 } };
  const lines = ['关于2025年度全市重点工作推进情况的报告', '', '各区县人民政府，市政府各部门：', ''];
  let size = 0;
  const push = (s) => {
    lines.push(s);
    size += Buffer.byteLength(s, 'utf8') + 1;
  };
  for (const l of lines) size += Buffer.byteLength(l, 'utf8') + 1;
  push(paragraph(r, cliches, 4));
  let i1 = 0;
  while (size < bytes) {
    i1++;
    push(`${cn(i1)}、${pick(r, L1)}，${pick(r, ACTS)}${pick(r, FIELDS)}工作`);
    push(paragraph(r, cliches, int(r, 2, 4)));
    // Keep level-1 numbers well under 一千 (the longest run a real document has is far shorter): larger
    // documents get more （一） items per section instead.
    const n2 = int(r, 2, 5) * Math.max(1, Math.round(bytes / (3 * 1024 * 1024)));
    for (let i2 = 1, v2 = 1; i2 <= n2 && size < bytes; i2++, v2++) {
      if (i2 === 3 && r() < 0.05) {
        v2++; // planted: （二） followed by （四）
        state.planted.outlineSkip++;
      }
      push(`（${cn(v2)}）${pick(r, L2)}。${sentence(r, cliches)}。`);
      push(r() < 0.35 ? seriesParagraph(r, cliches, state) : paragraph(r, cliches, int(r, 2, 5)));
      const n3 = int(r, 0, 4);
      for (let i3 = 1; i3 <= n3 && size < bytes; i3++) {
        let mark = '.';
        if (r() < 0.01) {
          mark = '、'; // planted: 1、 instead of 1.
          state.planted.wrongMark++;
        }
        push(`${i3}${mark}${pick(r, ACTS)}${pick(r, OBJS)}。${sentence(r, cliches)}。`);
        const n4 = r() < 0.4 ? int(r, 2, 4) : 0;
        for (let i4 = 1; i4 <= n4; i4++) {
          let open = '（';
          let close = '）';
          if (r() < 0.01) {
            open = '(';
            close = ')'; // planted: half-width brackets
            state.planted.halfBracket++;
          }
          push(`${open}${i4}${close}${sentence(r, cliches)}。`);
        }
        if (r() < 0.5) push(r() < 0.3 ? seriesParagraph(r, cliches, state) : paragraph(r, cliches, int(r, 1, 4)));
      }
    }
  }
  push('');
  push('　　特此报告。');
  push('');
  push('　　　　　　　　　　　　　　　　市人民政府');
  push('　　　　　　　　　　　　　　　2025年12月1日');
  return { text: lines.join('\n') + '\n', planted: state.planted };
}

/** Expands a dictionary phrase written with alternations, 高度{重视|关注} or 挂图作战{、|}倒排工期, into its literals. */
export function expandPhrase(p) {
  let out = [''];
  const re = /\{([^{}]*)\}|[^{]+/g;
  let m;
  while ((m = re.exec(p))) {
    const alts = m[1] !== undefined ? m[1].split('|') : [m[0]];
    out = out.flatMap((o) => alts.map((a) => o + a));
  }
  return out;
}

/** An entry's phrase as one regular expression source: {a|b|} becomes (?:a|b|). */
export function phraseRegex(p) {
  return p.replace(/\{([^{}]*)\}|[^{]+/g, (m, alts) =>
    alts !== undefined ? `(?:${alts.split('|').map(esc).join('|')})` : esc(m),
  );
}
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Our cliché dictionary (server/data/cliches.json) when it exists, else the fallback list: `entries` are the
 * phrases as written (one prh rule each), `phrases` their literal forms (planted in the generated text).
 */
export function loadCliches() {
  const file = path.join(ROOT, 'server/data/cliches.json');
  if (!fs.existsSync(file)) return { entries: FALLBACK_CLICHES, phrases: FALLBACK_CLICHES, source: 'bench/generate.mjs FALLBACK_CLICHES' };
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const list = Array.isArray(data) ? data : data.entries ?? [];
  const entries = list.map((e) => (typeof e === 'string' ? e : e?.phrase)).filter((p) => typeof p === 'string' && p);
  const phrases = [...new Set(entries.flatMap(expandPhrase))].filter((p) => p.length >= 2);
  return { entries, phrases, source: 'server/data/cliches.json' };
}

/** Our dictionary as a prh rule file: one rule per entry, a regular expression when the entry has alternations. */
export function prhYaml(entries) {
  const q = (s) => JSON.stringify(s);
  const rules = entries.map((p) => {
    const pattern = /[{}]/.test(p) ? `/${phraseRegex(p)}/` : p;
    return `  - expected: ${q('（套话）')}\n    pattern: ${q(pattern)}\n    prh: ${q('套话：请写具体的人、事、时间和数字')}`;
  });
  return `version: 1\nrules:\n${rules.join('\n')}\n`;
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : def;
  };
  const sizes = opt('--sizes', Object.keys(SIZES).join(',')).split(',');
  const seed = Number(opt('--seed', '20260101'));
  const out = path.resolve(opt('--out', path.join(HERE, '.data')));
  fs.mkdirSync(out, { recursive: true });
  const { entries, phrases, source } = loadCliches();
  for (const s of sizes) {
    if (!SIZES[s]) throw new Error(`unknown size ${s}; use ${Object.keys(SIZES).join(', ')}`);
    const file = path.join(out, `report-${s}.txt`);
    const { text, planted } = generate(SIZES[s], seed, phrases);
    fs.writeFileSync(file, text);
    console.log(`${path.relative(process.cwd(), file)}: ${Buffer.byteLength(text)} bytes, planted ${JSON.stringify(planted)}`);
  }
  fs.writeFileSync(path.join(out, 'prh.yml'), prhYaml(entries));
  fs.writeFileSync(path.join(out, '.textlintrc.json'), JSON.stringify({ rules: { prh: { rulePaths: ['prh.yml'] } } }, null, 2));
  console.log(`prh.yml: ${entries.length} entries (${phrases.length} phrases) from ${source}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

/** What the latency benchmarks type, one character at a time. */
export const TYPED = '根据统计数据显示今年以来各项工作稳步推进';

/**
 * Where the latency benchmarks type: the start of a paragraph's text (after its two-character indent) on the
 * line nearest the middle that has a finding at column 3 or further right, so that every keystroke moves a
 * finding and changes the diagnostic list. `starts` are the findings' start positions ({ line, character }).
 * Returns the line, or undefined when no line qualifies.
 */
export function typingLine(text, starts) {
  const lines = text.split('\n');
  const mid = lines.length >> 1;
  let best;
  for (const s of starts) {
    if (s.character < 3 || !/^[\u3000]{2}\S/.test(lines[s.line])) continue;
    if (best === undefined || Math.abs(s.line - mid) < Math.abs(best - mid)) best = s.line;
  }
  return best;
}
