// 公文 format rules: GB/T 9704-2012 for the elements (成文日期, 发文字号, 附件说明, 主送机关, 抄送), GB/T 15834-2011
// for the marks (full-width punctuation, the comma after 第一/首先), practice for titles. Reads the elements
// the model recognised once (doc.elements) and never re-splits the text.
import { lineCaches, PerDocument } from '../cache';
import { isSpace } from '../chars';
import type { OutlineMarker } from '../markers';
import type { Line } from '../model';
import type { DateMatch, DocElement } from '../elements';
import { finding, type Finding, type Fix, type TextEdit } from '../types';
import type { RuleContext, RuleFamily } from './api';

const STD = 'GB/T 9704-2012';
const PUNCT_STD = 'GB/T 15834-2011';
const PRACTICE = '惯例';
const PRACTICE_EN = 'common practice';

const HAN = /\p{Script=Han}/u;
/** CJK marks that close a phrase: a half-width mark right after one sits in Chinese text. */
const CJK_CLOSE = /[）》」』】〕〉]/;
const CJK_MARK = /[。，、；：？！）》」』】〕〉]/;
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const NAMES: Record<string, [string, string]> = {
  ',': ['逗号', 'comma'],
  ';': ['分号', 'semicolon'],
  ':': ['冒号', 'colon'],
  '?': ['问号', 'question mark'],
  '!': ['叹号', 'exclamation mark'],
  '(': ['括号', 'bracket'],
  ')': ['括号', 'bracket'],
};
const URL = /(?:https?|ftp):\/\/[^\s，。；、“”‘’（）《》<>]+|www\.[A-Za-z0-9-]+\.[^\s，。；、“”‘’（）《》<>]+/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Columns a more specific format check owns, so punct-halfwidth leaves them alone. */
class Claims {
  private byLine = new Map<number, [number, number][]>();
  add(line: number, start: number, end: number): void {
    let l = this.byLine.get(line);
    if (!l) this.byLine.set(line, (l = []));
    l.push([start, end]);
  }
  has(line: number, col: number): boolean {
    return !!this.byLine.get(line)?.some(([s, e]) => col >= s && col < e);
  }
  onLine(line: number): boolean {
    return this.byLine.has(line);
  }
}

function isHanAt(s: string, i: number): boolean {
  if (i < 0) return false;
  const c = s.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return HAN.test(s.slice(i - 1, i + 1));
  return HAN.test(s[i]);
}

function edit(ctx: RuleContext, line: number, start: number, end: number, newText: string): TextEdit {
  return { range: ctx.doc.range(line, start, end), newText };
}

function lastSpan(e: DocElement) {
  return e.spans[e.spans.length - 1];
}

// ---------------------------------------------------------------------------------------------------------
// date-format

function dateProblems(d: DateMatch): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  if (/[〇零○Ｏ一二三四五六七八九十]/.test(d.text)) {
    zh.push('用了汉字数字');
    en.push('it uses Chinese numerals');
  }
  if (d.shortYear) {
    zh.push('年份没有写全');
    en.push('the year is not written in full');
  }
  if (!/年/.test(d.text)) {
    zh.push('用了分隔符而非“年月日”');
    en.push('it uses separators instead of 年月日');
  }
  if (/(^|[年月.．\-－/／])[ \t\u3000]*[0０][0-9０-９]/.test(d.text.replace(/^[0-9０-９]{2,4}/, ''))) {
    zh.push('月、日编了虚位（如 01）');
    en.push('the month or day has a leading zero');
  }
  if (/[０-９]/.test(d.text)) {
    zh.push('用了全角数字');
    en.push('it uses full-width digits');
  }
  if (/[ \t\u3000\u00a0]/.test(d.text)) {
    zh.push('中间有空格');
    en.push('it contains spaces');
  }
  return { zh, en };
}

function checkDates(ctx: RuleContext, out: Finding[]): void {
  const { doc, t } = ctx;
  const imprintLines = new Set(doc.elements.tail.filter((e) => e.kind === 'imprint').map((e) => e.startLine));
  for (const d of doc.elements.dates) {
    if (d.text === d.canonical) continue;
    const imprint = imprintLines.has(d.line);
    const clause = imprint ? `${STD} 7.4.3` : `${STD} 7.3.5.4`;
    const what = imprint ? '印发日期' : '成文日期';
    const whatEn = imprint ? 'The issuing date' : 'A document date';
    const p = dateProblems(d);
    const fix: Fix = {
      title: d.shortYear ? t(`改为“${d.canonical}”（请核对年份）`, `Write "${d.canonical}" (check the year)`) : t(`改为“${d.canonical}”`, `Write "${d.canonical}"`),
      edits: [edit(ctx, d.line, d.start, d.end, d.canonical)],
      // A two-digit year is a guess at the century: offered, never applied by fix-all.
      preferred: !d.shortYear,
    };
    out.push(finding({
      code: 'date-format',
      severity: 'warning',
      range: doc.range(d.line, d.start, d.end),
      message: t(
        `${what}“${d.text}”写法不规范${p.zh.length ? `（${p.zh.join('，')}）` : ''}：应用阿拉伯数字将年、月、日标全，年份写全称，月、日不编虚位，写作“${d.canonical}”（${clause}）。`,
        `${whatEn} "${d.text}" is not in the standard form${p.en.length ? ` (${p.en.join('; ')})` : ''}: write year, month and day in Arabic numerals, the year in full, no leading zeros — "${d.canonical}" (${clause}).`,
      ),
      fixes: [fix],
    }));
  }
}

// ---------------------------------------------------------------------------------------------------------
// doc-number

function checkDocNumbers(ctx: RuleContext, out: Finding[], claims: Claims): void {
  const { doc, t } = ctx;
  for (const e of doc.elements.head) {
    const dn = e.docNumber;
    if (!dn) continue;
    claims.add(dn.line, dn.start, dn.end);
    if (dn.text === dn.canonical) continue;
    const zh: string[] = [];
    const en: string[] = [];
    const rest = dn.text.slice(dn.code.length);
    const brackets = /([〔\[【(（［〈「『{])[^〕\]】)）］〉」』}]*([〕\]】)）］〉」』}])/.exec(rest);
    if (brackets && (brackets[1] !== '〔' || brackets[2] !== '〕')) {
      const [, open, close] = brackets;
      zh.push(`年份用了“${open}${close}”而非六角括号“〔〕”`);
      en.push(`the year is in "${open}${close}" instead of the hexagonal brackets "〔〕"`);
    }
    if (dn.shortYear) {
      zh.push('年份没有写全');
      en.push('the year is not written in full');
    }
    if (/第/.test(rest)) {
      zh.push('序号前加了“第”');
      en.push('the serial number has 第 before it');
    }
    if (/[〕\]】)）］〉」』}][ \t\u3000]*第?[ \t\u3000]*[0０][0-9０-９]/.test(rest)) {
      zh.push('序号编了虚位（如 01）');
      en.push('the serial number has a leading zero');
    }
    if (/[０-９]/.test(rest)) {
      zh.push('用了全角数字');
      en.push('it uses full-width digits');
    }
    if (/[ \t\u3000]/.test(dn.text)) {
      zh.push('中间有空格');
      en.push('it contains spaces');
    }
    out.push(finding({
      code: 'doc-number',
      severity: 'warning',
      range: doc.range(dn.line, dn.start, dn.end),
      message: t(
        `发文字号“${dn.text}”不规范${zh.length ? `（${zh.join('，')}）` : ''}：应为“机关代字〔年份〕序号号”，年份写全称并用六角括号“〔〕”括入，序号不加“第”字、不编虚位，即“${dn.canonical}”（${STD} 7.2.4）。`,
        `Document number "${dn.text}" is not in the standard form${en.length ? ` (${en.join('; ')})` : ''}: write code〔year〕serial号 with the full year in hexagonal brackets, no 第 and no leading zeros — "${dn.canonical}" (${STD} 7.2.4).`,
      ),
      fixes: [{
        title: dn.shortYear ? t(`改为“${dn.canonical}”（请核对年份）`, `Write "${dn.canonical}" (check the year)`) : t(`改为“${dn.canonical}”`, `Write "${dn.canonical}"`),
        edits: [edit(ctx, dn.line, dn.start, dn.end, dn.canonical)],
        preferred: !dn.shortYear,
      }],
    }));
  }
}

// ---------------------------------------------------------------------------------------------------------
// attachment-note

const TRAILING_MARK = /[。，,；;、.．：:！!]+$/;

function checkAttachments(ctx: RuleContext, out: Finding[], claims: Claims): void {
  const { doc, t } = ctx;
  const clause = `${STD} 7.3.4`;
  for (const e of doc.elements.tail) {
    const note = e.attachment;
    if (!note) continue;
    const head = e.startLine;
    const first = note.items[0];
    if (!note.colon && first.line === head) {
      const to = first.number ? first.number.start : first.nameStart;
      out.push(finding({
        code: 'attachment-note',
        severity: 'warning',
        range: doc.range(head, note.labelStart, note.labelEnd),
        message: t(
          `附件说明“附件”二字后缺少全角冒号：应写作“附件：1.名称”（${clause}）。`,
          `The attachment note lacks the full-width colon after 附件: write "附件：1.名称" (${clause}).`,
        ),
        fixes: [{ title: t('在“附件”后加全角冒号“：”', 'Add "：" after 附件'), edits: [edit(ctx, head, note.labelEnd, to, '：')], preferred: true }],
      }));
    }
    const many = note.items.length > 1;
    note.items.forEach((it, i) => {
      const prose = doc.lines[it.line].prose;
      if (it.number) {
        claims.add(it.line, it.number.start, it.number.end);
        const want = `${it.number.value}.`;
        if (!/^[0-9]{1,2}[.．]$/.test(it.number.text)) {
          out.push(finding({
            code: 'attachment-note',
            severity: 'warning',
            range: doc.range(it.line, it.number.start, it.number.end),
            message: t(
              `附件顺序号“${it.number.text}”应使用阿拉伯数字加下脚点，写作“${want}”（${clause}）。`,
              `Number attachments with an Arabic numeral and a dot: write "${want}", not "${it.number.text}" (${clause}).`,
            ),
            fixes: [{ title: t(`改为“${want}”`, `Write "${want}"`), edits: [edit(ctx, it.line, it.number.start, it.nameStart, want)], preferred: true }],
          }));
        }
      } else if (many && i === 0) {
        out.push(finding({
          code: 'attachment-note',
          severity: 'warning',
          range: doc.range(it.line, it.nameStart, it.nameEnd),
          message: t(
            `有多个附件时应使用阿拉伯数字标注附件顺序号，如“附件：1.名称”（${clause}）。`,
            `With several attachments, number them: "附件：1.名称" (${clause}).`,
          ),
          fixes: [{ title: t('加上顺序号“1.”', 'Add the number "1."'), edits: [edit(ctx, it.line, it.nameStart, it.nameStart, '1.')], preferred: true }],
        }));
      }
      const name = prose.slice(it.nameStart, it.nameEnd);
      const tm = TRAILING_MARK.exec(name);
      if (tm && tm[0].length < name.length) {
        const s = it.nameEnd - tm[0].length;
        claims.add(it.line, s, it.nameEnd);
        out.push(finding({
          code: 'attachment-note',
          severity: 'warning',
          range: doc.range(it.line, s, it.nameEnd),
          message: t(
            `附件名称后不加标点符号：删去“${tm[0]}”（${clause}）。`,
            `No punctuation after an attachment's name: delete "${tm[0]}" (${clause}).`,
          ),
          fixes: [{ title: t(`删去“${tm[0]}”`, `Delete "${tm[0]}"`), edits: [edit(ctx, it.line, s, it.nameEnd, '')], preferred: true }],
        }));
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// addressee-colon, cc-period

/**
 * An element line must end with one mark (主送机关 with ：, 抄送 with 。). A wrong mark at the end is replaced and
 * claimed from punct-halfwidth; a missing one is added.
 */
function checkEndMark(
  ctx: RuleContext,
  out: Finding[],
  claims: Claims,
  e: DocElement,
  rule: { code: string; want: string; accept: RegExp; wrong: RegExp; zh: string; en: string; clause: string },
): void {
  const { doc, t } = ctx;
  const s = lastSpan(e);
  const text = doc.lines[s.line].prose.slice(s.start, s.end);
  const last = text[text.length - 1];
  if (rule.accept.test(last)) return;
  const wrong = rule.wrong.test(last);
  if (wrong) claims.add(s.line, s.end - 1, s.end);
  const { want, zh, en, clause } = rule;
  out.push(finding({
    code: rule.code,
    severity: 'warning',
    range: doc.range(s.line, wrong ? s.end - 1 : s.start, s.end),
    message: wrong
      ? t(`${zh}“${want}”，不用“${last}”（${STD} ${clause}）。`, `${en} "${want}", not "${last}" (${STD} ${clause}).`)
      : t(`${zh}“${want}”（${STD} ${clause}）。`, `${en} "${want}" (${STD} ${clause}).`),
    fixes: [{
      title: wrong ? t(`将“${last}”改为“${want}”`, `Replace "${last}" with "${want}"`) : t(`在末尾加“${want}”`, `Add "${want}" at the end`),
      edits: [edit(ctx, s.line, wrong ? s.end - 1 : s.end, s.end, want)],
      preferred: true,
    }],
  }));
}

function checkAddressee(ctx: RuleContext, out: Finding[], claims: Claims): void {
  const e = ctx.doc.elements.of('addressee');
  if (!e) return;
  // A half-width colon is punct-halfwidth's: the fix is the same full-width mark.
  checkEndMark(ctx, out, claims, e, {
    code: 'addressee-colon', want: '：', accept: /[：:]/, wrong: /[，,；;。.、]/, clause: '7.3.2',
    zh: '主送机关最后一个机关名称后应标全角冒号', en: 'End the addressee line with the full-width colon',
  });
}

function checkCc(ctx: RuleContext, out: Finding[], claims: Claims): void {
  for (const e of ctx.doc.elements.tail) {
    if (e.kind !== 'cc') continue;
    checkEndMark(ctx, out, claims, e, {
      code: 'cc-period', want: '。', accept: /。/, wrong: /[，,；;.．、：:]/, clause: '7.4.2',
      zh: '抄送机关最后一个名称后应标句号', en: 'End the copies-to line with',
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// title-punct

function checkTitles(ctx: RuleContext, out: Finding[], claims: Claims): void {
  const { doc, t } = ctx;
  const seen = new Set<number>();
  const report = (line: number, col: number, isTitle: boolean) => {
    if (seen.has(line)) return;
    seen.add(line);
    const mark = doc.lines[line].text[col];
    if (mark === ':' || mark === '.') claims.add(line, col, col + 1);
    out.push(finding({
      code: 'title-punct',
      severity: 'information',
      range: doc.range(line, col, col + 1),
      message: isTitle
        ? t(`公文标题末尾不加“${mark}”：标题独占一行，不用句末标点，删去即可（${PRACTICE}）。`, `No "${mark}" at the end of a document title: a title stands on its own line without end punctuation; delete it (${PRACTICE_EN}).`)
        : t(`独占一行的小标题末尾不加“${mark}”，删去即可；标题后接正文写在同一行时才用句号隔开（${PRACTICE}）。`, `A heading on its own line takes no "${mark}" at its end; delete it. Only a run-in heading followed by text on the same line ends with 。 (${PRACTICE_EN}).`),
      fixes: [{ title: t(`删去“${mark}”`, `Delete "${mark}"`), edits: [edit(ctx, line, col, col + 1, '')], preferred: true }],
    }));
  };
  const title = doc.elements.of('title');
  if (title) {
    for (const s of title.spans) {
      const ch = doc.lines[s.line].prose[s.end - 1];
      if (s.end - s.start > 1 && /[。：:.]/.test(ch)) report(s.line, s.end - 1, true);
    }
  }
  // Markdown headings and outline headings of levels 1 and 2 standing alone on their line.
  for (const h of doc.elements.headings) {
    const c = doc.lines[h.line].prose.slice(h.start, h.end);
    const dot = c.indexOf('。');
    if (c.length > 1 && /[。：:]$/.test(c) && !/[，,；;]/.test(c) && (dot < 0 || dot === c.length - 1)) report(h.line, h.end - 1, false);
  }
  // An item with nothing under it is a sentence in a list (三、本通告自发布之日起施行。), not a heading. (The
  // nodes are the markers', one each, in the same order.)
  for (const n of doc.nodes) {
    const m = n.marker;
    if (m.level > 2 || n.endLine <= n.line) continue;
    const prose = doc.lines[m.line].prose;
    // Trailing white space by hand: /…+$/ is tried from every position of the line.
    let e = prose.length;
    while (e > m.titleStart && isSpace(prose.charCodeAt(e - 1))) e--;
    let tail = prose.slice(m.titleStart, e);
    if (doc.format === 'markdown') tail = tail.replace(/(\*\*|__)$/, '').replace(/[\s\u3000]+$/, '');
    const dot = tail.indexOf('。');
    // A 。 before the end makes a run-in heading: 一、总体要求。正文….
    if (tail.length < 2 || !/[。：:]$/.test(tail) || /[，,；;]/.test(tail) || (dot >= 0 && dot < tail.length - 1)) continue;
    report(m.line, m.titleStart + tail.length - 1, false);
  }
}

// ---------------------------------------------------------------------------------------------------------
// ordinal-punct

const COMMA_KINDS = new Set(['di', 'qi', 'shouxian', 'fangmian']);

function checkOrdinals(ctx: RuleContext, out: Finding[]): void {
  const { doc, t } = ctx;
  for (const s of doc.series) {
    for (const it of s.items) {
      if (!COMMA_KINDS.has(it.kind)) continue;
      const text = doc.lines[it.line].text;
      if (text[it.end] !== '、') continue;
      // 第一、二批 / 第一、第二阶段 enumerate ordinals; they are not a 序次语 opening an item.
      if (/^[第其一二三四五六七八九十两]/.test(text.slice(it.end + 1))) continue;
      out.push(finding({
        code: 'ordinal-punct',
        severity: 'warning',
        range: doc.range(it.line, it.start, it.end + 1),
        message: t(
          `“${it.text}”这类序次语（“第”字头、“其”字头、“首先”类）后用逗号，不用顿号：写作“${it.text}，”。顿号只用在“一、”这类不带括号的汉字数字之后（${PUNCT_STD} 4.4 逗号、4.5 顿号）。`,
          `Ordinals such as "${it.text}" (第一, 其一, 首先 types) take a comma, not 、: write "${it.text}，". The 、 follows bare numerals such as 一、 only (${PUNCT_STD} 4.4, 4.5).`,
        ),
        fixes: [{ title: t('将“、”改为“，”', 'Replace "、" with "，"'), edits: [edit(ctx, it.line, it.end, it.end + 1, '，')], preferred: true }],
      }));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// punct-halfwidth

/** Whether the character before column i makes it Chinese text: a Han character or a closing CJK mark. */
function chineseBefore(prose: string, i: number, markdown: boolean): boolean {
  let j = i - 1;
  if (markdown) while (j >= 0 && /[*_~]/.test(prose[j])) j--;
  let k = j;
  while (k >= 0 && /[”’…—]/.test(prose[k])) k--;
  if (k < j) return k >= 0 && (isHanAt(prose, k) || CJK_MARK.test(prose[k]));
  return j >= 0 && (isHanAt(prose, j) || CJK_CLOSE.test(prose[j]));
}

function asFullWidthMarker(prose: string, m: OutlineMarker): string {
  const at = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);
  if (m.open && m.open.text === '(') prose = at(prose, m.open.start, '（');
  if (m.close && m.close.text === ')') prose = at(prose, m.close.start, '）');
  return prose;
}

const MARK = /[,;:?!()]/g;
const ANY_MARK = /[,;:?!()]/;
const SPACES = / +/y;

/**
 * What punct-halfwidth found in each line at the last check of a document while typing (per-line caches on).
 * A line's findings follow from its prose, its outline marker and the columns other format checks claim on
 * it, and its index: a line the same in all of these has the findings it had.
 */
interface HalfwidthState {
  en: boolean;
  markdown: boolean;
  lines: readonly Line[];
  markers: (OutlineMarker | undefined)[];
  claimed: Uint8Array;
  found: (Finding[] | undefined)[];
}

const halfwidthStates = new PerDocument<HalfwidthState>();

/** Drops what was kept for one document (it was closed), or for all. */
export function forgetFormatState(uri?: string): void {
  if (uri === undefined) halfwidthStates.clear();
  else halfwidthStates.delete(uri);
}

function checkHalfwidth(ctx: RuleContext, out: Finding[], claims: Claims): void {
  const { doc, t } = ctx;
  const markdown = doc.format === 'markdown';
  const en = t('zh', 'en') === 'en';
  const keep = lineCaches.enabled;
  let prev = keep ? halfwidthStates.get(doc.uri) : undefined;
  if (prev && (prev.en !== en || prev.markdown !== markdown)) prev = undefined;
  const n = doc.lines.length;
  const state: HalfwidthState | undefined = keep ? { en, markdown, lines: doc.lines, markers: new Array(n), claimed: new Uint8Array(n), found: new Array(n) } : undefined;
  // Kept for the next check only while typing: a check without the per-line caches (a large document checked
  // on save) lets the last one go too.
  if (state) halfwidthStates.set(doc.uri, state);
  else halfwidthStates.delete(doc.uri);
  // Seven marks, seven messages: built once per check, not once per finding.
  const texts = new Map<string, { message: string; title: string }>();
  for (const [ch, full] of Object.entries(FULL)) {
    const [zh, en] = NAMES[ch];
    texts.set(ch, {
      message: t(`中文里用了半角${zh}“${ch}”，应为全角“${full}”（${PUNCT_STD}）。`, `Half-width ${en} "${ch}" in Chinese text; use the full-width "${full}" (${PUNCT_STD}).`),
      title: t(`改为全角“${full}”`, `Use the full-width "${full}"`),
    });
  }
  for (const l of doc.lines) {
    const m = doc.markerAt(l.index);
    const claimed = claims.onLine(l.index);
    if (state) {
      state.markers[l.index] = m;
      state.claimed[l.index] = claimed ? 1 : 0;
      const i = l.index;
      if (prev && i < prev.lines.length && prev.lines[i].prose === l.prose && prev.markers[i] === m && !claimed && !prev.claimed[i]) {
        const was = prev.found[i];
        if (was) {
          state.found[i] = was;
          for (let k = 0; k < was.length; k++) out.push(was[k]);
        }
        continue;
      }
    }
    // Most lines have no half-width mark at all: they are passed over without making anything (a marker's
    // brackets made full-width below are the only change, and they add none).
    if (l.blank || !ANY_MARK.test(l.prose)) continue;
    const from = out.length;
    // A marker's half-width brackets are outline-paren-width's and become full-width with its fix: read them as
    // full-width already, so a mark after (1) is judged the same before and after that fix.
    const prose = m ? asFullWidthMarker(l.prose, m) : l.prose;
    MARK.lastIndex = 0;
    const marks: number[] = [];
    let x: RegExpExecArray | null;
    while ((x = MARK.exec(prose))) marks.push(x.index);
    if (!marks.length || !HAN.test(prose)) continue;
    const excluded: [number, number][] = [];
    if (m) excluded.push([m.start, m.end]);
    for (const re of [URL, EMAIL]) {
      re.lastIndex = 0;
      while ((x = re.exec(prose))) excluded.push([x.index, x.index + x[0].length]);
    }
    const skip = (i: number) => claims.has(l.index, i) || excluded.some(([s, e]) => i >= s && i < e);
    // Half-width brackets pair up on the line; a pair turns full-width together.
    const partner = new Map<number, number>();
    const stack: number[] = [];
    for (const i of marks) {
      const ch = prose[i];
      if ((ch !== '(' && ch !== ')') || skip(i)) continue;
      if (ch === '(') stack.push(i);
      else if (stack.length) {
        const o = stack.pop()!;
        partner.set(o, i);
        partner.set(i, o);
      }
    }
    let lastFlagged = -2;
    for (const i of marks) {
      const ch = prose[i];
      if (skip(i)) continue;
      let chinese = lastFlagged === i - 1 || chineseBefore(prose, i, markdown);
      if (!chinese && ch !== '(' && ch !== ')') {
        // 增长5%,高于 / 使用Python,提高: a mark between a number or a word and Chinese text.
        chinese = /[0-9A-Za-z%‰℃°]/.test(prose[i - 1] ?? '') && isHanAt(prose, i + 1);
      }
      const p = partner.get(i);
      if (p !== undefined) {
        const [o, c] = p > i ? [i, p] : [p, i];
        chinese = chineseBefore(prose, o, markdown) || chineseBefore(prose, c, markdown) || HAN.test(prose.slice(o + 1, c));
      }
      if (!chinese) continue;
      lastFlagged = i;
      const full = FULL[ch];
      // The spaces an English-style mark is followed by go with it when Chinese text comes next.
      let end = i + 1;
      if (ch !== '(' && ch !== ')') {
        SPACES.lastIndex = i + 1;
        const sp = SPACES.exec(prose);
        if (sp && (isHanAt(prose, i + 1 + sp[0].length) || prose[i + 1 + sp[0].length] === '“')) end += sp[0].length;
      }
      const msg = texts.get(ch)!;
      out.push(finding({
        code: 'punct-halfwidth',
        severity: 'warning',
        range: doc.range(l.index, i, i + 1),
        message: msg.message,
        fixes: [{ title: msg.title, edits: [edit(ctx, l.index, i, end, full)], preferred: true }],
      }));
    }
    if (state && out.length > from) state.found[l.index] = out.slice(from);
  }
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const claims = new Claims();
  checkDates(ctx, out);
  checkDocNumbers(ctx, out, claims);
  checkAttachments(ctx, out, claims);
  checkAddressee(ctx, out, claims);
  checkCc(ctx, out, claims);
  checkTitles(ctx, out, claims);
  checkOrdinals(ctx, out);
  checkHalfwidth(ctx, out, claims);
  return out;
}

export const formatRules: RuleFamily = {
  name: 'format',
  codes: [
    { code: 'date-format', severity: 'warning', zh: '成文日期、印发日期未用“2024年2月17日”式写法', en: 'A document or issuing date not written as 2024年2月17日' },
    { code: 'punct-halfwidth', severity: 'warning', zh: '中文里用了半角标点 , ; : ? ! ( )', en: 'Half-width , ; : ? ! ( ) in Chinese text' },
    { code: 'doc-number', severity: 'warning', zh: '发文字号不是“机关代字〔年份〕序号号”', en: 'Document number not in the form code〔year〕serial号' },
    { code: 'attachment-note', severity: 'warning', zh: '附件说明格式不对（附件：1.名称）', en: 'Attachment note not written as 附件：1.名称' },
    { code: 'addressee-colon', severity: 'warning', zh: '主送机关末尾缺全角冒号', en: 'Addressee line does not end with a full-width colon' },
    { code: 'cc-period', severity: 'warning', zh: '抄送机关末尾缺句号', en: 'Copies-to line does not end with 。' },
    { code: 'title-punct', severity: 'information', zh: '标题或独占一行的小标题末尾加了句号或冒号', en: 'A title or standalone heading ends with 。 or ：' },
    { code: 'ordinal-punct', severity: 'warning', zh: '“第一”“首先”类序次语后用了顿号', en: 'An ordinal such as 第一 or 首先 followed by 、' },
  ],
  check,
};
