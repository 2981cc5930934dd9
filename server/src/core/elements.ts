// The elements of a 公文 (GB/T 9704-2012 §7): 发文字号, 标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 抄送,
// 印发机关和印发日期. Recognised from the model's lines with conservative heuristics that work on plain-text
// 公文 and on Markdown (a `# 标题` heading). Computed once per model, on first use (GwDocument.elements).
import { lineCaches } from './cache';
import { isSpace } from './chars';
import type { GwDocument } from './model';
import { parseChineseNumeral } from './numerals';

export type ElementKind = 'docNumber' | 'title' | 'addressee' | 'body' | 'attachment' | 'signature' | 'date' | 'cc' | 'imprint';

/** Chinese names of the elements, as GB/T 9704-2012 calls them. */
export const ELEMENT_LABELS: Record<ElementKind, { zh: string; en: string }> = {
  docNumber: { zh: '发文字号', en: 'Document number' },
  title: { zh: '标题', en: 'Title' },
  addressee: { zh: '主送机关', en: 'Addressee' },
  body: { zh: '正文', en: 'Body' },
  attachment: { zh: '附件说明', en: 'Attachments' },
  signature: { zh: '署名', en: 'Signature' },
  date: { zh: '成文日期', en: 'Date' },
  cc: { zh: '抄送', en: 'Copies to' },
  imprint: { zh: '印发机关和印发日期', en: 'Issuing office and date' },
};

/** The written content of one line: columns in the line, without indent, Markdown heading hashes or emphasis. */
export interface ElementSpan {
  line: number;
  start: number;
  end: number;
}

/** A date as written, with what it should read (GB/T 9704-2012 7.3.5.4). */
export interface DateMatch {
  line: number;
  start: number;
  end: number;
  text: string;
  year: number;
  month: number;
  day: number;
  /** 2024年2月17日; for a two-digit year the century is a guess (20xx). */
  canonical: string;
  /** The year was written with two digits, so canonical guesses the century. */
  shortYear: boolean;
}

/** A 发文字号 as written, with what it should read (GB/T 9704-2012 7.2.4). */
export interface DocNumberMatch {
  line: number;
  start: number;
  end: number;
  text: string;
  /** 机关代字, e.g. 京政发. */
  code: string;
  year: number;
  shortYear: boolean;
  serial: number;
  /** 京政发〔2024〕5号. */
  canonical: string;
}

/** One item of an 附件说明: its numbering (when numbered) and its name. */
export interface AttachmentItem {
  line: number;
  /** The numbering as written: 1. or 1、 or （1）; absent for a single unnumbered attachment. */
  number?: { start: number; end: number; text: string; value: number };
  /** The name, from after the numbering to the end of the content. */
  nameStart: number;
  nameEnd: number;
}

export interface AttachmentNote {
  /** The columns of 附件 and of the mark after it (absent when missing). */
  labelStart: number;
  labelEnd: number;
  colon?: { start: number; end: number; text: string };
  items: AttachmentItem[];
}

export interface DocElement {
  kind: ElementKind;
  startLine: number;
  endLine: number;
  /** The content of each non-blank line of the element. */
  spans: ElementSpan[];
  date?: DateMatch;
  docNumber?: DocNumberMatch;
  attachment?: AttachmentNote;
}

export interface DocElements {
  /** Every recognised element in document order (the 正文 included). */
  all: DocElement[];
  /** Elements before the 正文: 发文字号, 标题, the date under a speech title, 主送机关. */
  head: DocElement[];
  body?: DocElement;
  /** Elements after the 正文: 附件说明, 署名, 成文日期, 抄送, 印发. */
  tail: DocElement[];
  /** Every date written alone on its line (成文日期 or not) and every 印发日期. */
  dates: DateMatch[];
  /** Lines that are Markdown ATX headings, with their content columns. */
  headings: ElementSpan[];
  of(kind: ElementKind): DocElement | undefined;
  at(line: number): DocElement | undefined;
  /** @internal Per line: its content and its date or 印发日期 (null: none), for the next version of the document. */
  lines?: LineShape[];
}

/** What one line reads as, whatever the lines around it: kept per line and taken over while it is unchanged. */
export interface LineShape {
  info: LineInfo | undefined;
  /** A date alone on the line (parseDateLine). */
  date: DateMatch | undefined;
  /** A date, or else an 印发 line's date. */
  anyDate: DateMatch | undefined;
}

/** Which lines of an earlier version may lend their LineShape: the same index and the same prose. */
export type ShapeReuse = (line: number) => LineShape | undefined;

// ---------------------------------------------------------------------------------------------------------
// Shapes of single lines.

const WS = '[ \\t\\u3000\\u00a0]';
const HAN = /\p{Script=Han}/u;
const CN_YEAR_DIGITS: Record<string, number> = { '〇': 0, '零': 0, '○': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };
const NUM = '[0-9０-９]';
const CN_Y = '[〇零○Ｏ一二三四五六七八九]';
const CN_MD = '[一二三四五六七八九十]';
// Groups: year, month, day of the 年月日 form, then year, separator, month, day of the 2024.3.5 form.
const DATE_SRC =
  `(?:(${NUM}{2,4}|${CN_Y}{2,4})${WS}*年${WS}*(${NUM}{1,2}|${CN_MD}{1,3})${WS}*月${WS}*(${NUM}{1,2}|${CN_MD}{1,3})${WS}*日` +
  `|(${NUM}{4}|${NUM}{2})(?<sep>[.．\\-－/／])(${NUM}{1,2})\\k<sep>(${NUM}{1,2})(?![0-9０-９]))`;
/** A date and nothing else, maybe in brackets: 2024年3月5日, （2024年3月5日）, 2024.3.5. */
const DATE_LINE = new RegExp(`^([（(]${WS}*)?(${DATE_SRC})(${WS}*[）)])?$`);
/** 印发机关和印发日期: XX办公室 2024年3月5日印发. */
const IMPRINT_LINE = new RegExp(`^(?:\\S.*?${WS}+)?(${DATE_SRC})${WS}*印发$`);
/**
 * An 印发 line. IMPRINT_LINE ends in 印发$ but opens with a lazy run that is tried from every position, and it
 * is asked of every line of the 正文: the cheap question first.
 */
const isImprint = (c: string) => c.endsWith('印发') && IMPRINT_LINE.test(c);
/** A 发文字号 at the start of its line, maybe followed by 签发人. */
const DOC_NUMBER = new RegExp(
  `^([\\p{Script=Han}A-Za-z]{1,15}?)${WS}*([〔\\[【(（［〈「『{])${WS}*(${NUM}{2,4})${WS}*([〕\\]】)）］〉」』}])${WS}*(第?)${WS}*(${NUM}{1,6})${WS}*号(?=$|${WS}{2,}|${WS}*签发人)`,
  'u',
);
const SEPARATOR = /^[-—─━_=＿－~～·•*]{3,}$/;
/** The 发文机关标志: XX市人民政府文件. */
const ORG_MARK = /^[\p{Script=Han}A-Za-zＡ-Ｚ×＊*（）()]{2,30}文件$/u;
const SIGNER = /^签发人[：:]/;
/** The kinds of 公文 and speech a title names at its end. */
const DOC_TYPE_END = /(通知|通报|报告|请示|批复|函|意见|决定|决议|命令|令|公告|通告|公报|议案|纪要|规定|办法|方案|规划|计划|要点|细则|条例|章程|制度|总结|讲话|发言|致辞|讲稿|简报|预案|提纲|汇报|说明|倡议书|建议|守则|准则|指南)$/;
/** The end of a 主送机关 or of a salutation: organs, units, people addressed. */
const ADDRESSEE_END = /(政府|部门|单位|机关|机构|委员会|党委|党组|党工委|工委|管委会|委|局|厅|办|办公室|室|署|公司|集团|企业|院|所|校|学校|中心|处|科|站|队|协会|学会|联合会|总会|分会|组织|街道|乡镇|镇|乡|村|社区|县|区|市|省|州|盟|旗|同志们|同志|代表们|代表|来宾们|来宾|朋友们|领导|女士们|先生们|人员|干部|职工|成员|会员|老师们|同学们|全体)[）)]?$/;
/** Words of a sentence that leads into a list, never of an addressee: 现将有关事项通知如下. */
const LEAD_IN = /现将|现就|特此|如下|以下|下列|几点|意见|要求/;
/** Sentence marks that a title, a 署名 or a heading does not contain. */
const SENTENCE_MARK = /[。，,；;！!？?]/;
const ATTACH_HEAD = new RegExp(`^附件(${WS}*)([：:]?)${WS}*`);
/** Numbering of an attachment: 1. 1． 1、 1， 1: 1) （1） ①. */
const ATTACH_NUMBER = new RegExp(`^(?:(${NUM}{1,2})${WS}*([.．、，,：:)）])|[（(]${WS}*(${NUM}{1,2})${WS}*[)）]|([①-⑳]))`);
const CC_HEAD = new RegExp(`^抄${WS}*送${WS}*[：:]`);
/** A note in brackets under the date: （此件公开发布）. */
const NOTE = /^[（(].*[）)]$/;

function toAscii(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

function parseYear(s: string): { year: number; short: boolean } | undefined {
  let digits = '';
  for (const ch of s) {
    if (/[0-9０-９]/.test(ch)) digits += toAscii(ch);
    else if (ch in CN_YEAR_DIGITS) digits += String(CN_YEAR_DIGITS[ch]);
    else return undefined;
  }
  if (digits.length === 4) return { year: Number(digits), short: false };
  if (digits.length === 2) return { year: 2000 + Number(digits), short: true };
  return undefined;
}

function parseSmall(s: string): number | undefined {
  if (/^[0-9０-９]+$/.test(s)) return Number(toAscii(s));
  return parseChineseNumeral(s);
}

/** Reads the date out of a match of DATE_SRC whose first group is `g`. */
function readDate(m: RegExpExecArray, g: number, line: number, start: number, text: string): DateMatch | undefined {
  const cn = m[g] !== undefined;
  const y = parseYear(cn ? m[g] : m[g + 3]);
  const month = parseSmall(cn ? m[g + 1] : m[g + 5]);
  const day = parseSmall(cn ? m[g + 2] : m[g + 6]);
  if (!y || month === undefined || day === undefined) return undefined;
  if (y.year < 1900 || y.year > 2199 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { line, start, end: start + text.length, text, year: y.year, month, day, shortYear: y.short, canonical: `${y.year}年${month}月${day}日` };
}

/** A date written alone in a line's content (maybe in brackets); `offset` is the content's column. */
export function parseDateLine(content: string, line: number, offset: number): DateMatch | undefined {
  const m = DATE_LINE.exec(content);
  if (!m) return undefined;
  const close = m[m.length - 1];
  if (!!m[1] !== !!close) return undefined;
  return readDate(m, 3, line, offset + (m[1]?.length ?? 0), m[2]);
}

/** The 印发日期 of an 印发 line. */
export function parseImprint(content: string, line: number, offset: number): DateMatch | undefined {
  if (!content.endsWith('印发')) return undefined; // see isImprint
  const m = IMPRINT_LINE.exec(content);
  if (!m) return undefined;
  const at = content.length - /[ \t\u3000\u00a0]*印发$/.exec(content)![0].length - m[1].length;
  return readDate(m, 2, line, offset + at, m[1]);
}

/** A 发文字号 at the start of a line's content. */
export function parseDocNumber(content: string, line: number, offset: number): DocNumberMatch | undefined {
  const m = DOC_NUMBER.exec(content);
  if (!m) return undefined;
  const code = m[1];
  if (!HAN.test(code)) return undefined;
  const y = parseYear(m[3]);
  const serial = Number(toAscii(m[6]));
  if (!y || !serial) return undefined;
  const text = m[0];
  return { line, start: offset, end: offset + text.length, text, code, year: y.year, shortYear: y.short, serial, canonical: `${code}〔${y.year}〕${serial}号` };
}

// ---------------------------------------------------------------------------------------------------------
// Recognition.

export interface LineInfo {
  line: number;
  start: number;
  end: number;
  content: string;
  heading?: number;
  /** The content's span, made on first use. */
  span?: ElementSpan;
}

function contentOf(doc: GwDocument, line: number): LineInfo | undefined {
  const l = doc.lines[line];
  if (l.blank) return undefined;
  const prose = l.prose;
  // Leading white space by hand too: a match object per line of the document adds up.
  let start = 0;
  while (start < prose.length && isSpace(prose.charCodeAt(start))) start++;
  // Trailing white space by hand: /[\s…]*$/ tries a match at every position of the line (a quarter of a
  // keystroke's element recognition in a 1 MB document).
  let end = prose.length;
  while (end > start && isSpace(prose.charCodeAt(end - 1))) end--;
  let heading: number | undefined;
  if (doc.format === 'markdown') {
    const h = /^(#{1,6})[ \t]+/.exec(prose.slice(start, end));
    if (h) {
      heading = h[1].length;
      start += h[0].length;
      const close = /[ \t]+#+$/.exec(prose.slice(start, end));
      if (close) end -= close[0].length;
    }
    // Emphasis around the whole content: **标题**.
    for (;;) {
      const s = prose.slice(start, end);
      const e = /^(\*\*|__|\*|_)/.exec(s);
      if (!e || !s.endsWith(e[1]) || s.length <= e[1].length * 2) break;
      start += e[1].length;
      end -= e[1].length;
    }
  }
  if (end <= start) return undefined;
  return { line, start, end, content: start === 0 && end === prose.length ? prose : prose.slice(start, end), heading, span: undefined };
}

/** A title line: short, no sentence marks inside; a final 。 or ： only after the name of a kind of document. */
function isTitleShaped(doc: GwDocument, info: LineInfo): boolean {
  const c = info.content;
  if (doc.markerAt(info.line) || c.length > 80 || !HAN.test(c) || /[|<>{}=]/.test(c)) return false;
  const body = /[。：:.]$/.test(c) ? c.slice(0, -1) : c;
  if (SENTENCE_MARK.test(body) || /[：:]/.test(body)) return false;
  return body === c || DOC_TYPE_END.test(body);
}

/** A 主送机关 or salutation ending in a colon: 各区县人民政府，市政府各部门： / 同志们：. */
function isAddressee(info: LineInfo): boolean {
  const c = info.content;
  const m = /^(.+?)[：:]$/.exec(c);
  if (!m || c.length > 80 || /[。！!？?]/.test(m[1]) || LEAD_IN.test(m[1])) return false;
  return ADDRESSEE_END.test(m[1]);
}

/** A 主送机关 right under the title that lacks its colon: organ names, maybe a wrong mark at the end. */
function isColonlessAddressee(info: LineInfo): boolean {
  const c = info.content;
  const m = /^(.+?)([，,；;。.]?)$/.exec(c)!;
  if (c.length > 40 || /[。！!？?：:]/.test(m[1]) || LEAD_IN.test(m[1])) return false;
  // Without the colon only what reads as an address: 各…, a list of organs, a salutation. A single organ
  // under a title (X市财政局办公室) is more often the author.
  return ADDRESSEE_END.test(m[1]) && (/^(各|全体|尊敬的)/.test(m[1]) || /[，,、]/.test(m[1]) || /(们|同志|来宾)$/.test(m[1]));
}

/** A 署名 line: short, no sentence marks, not an item, a date or an 附件说明. */
function isSignatureShaped(doc: GwDocument, info: LineInfo): boolean {
  const c = info.content;
  return c.length <= 30 && HAN.test(c) && !SENTENCE_MARK.test(c) && !/[：:]/.test(c) && !doc.markerAt(info.line) && !DATE_LINE.test(c) && !ATTACH_HEAD.test(c);
}

/** A line that may follow the 成文日期: 附注, 版记, an attachment's label and title lines. */
function isTailLike(info: LineInfo): boolean {
  const c = info.content;
  return SEPARATOR.test(c) || CC_HEAD.test(c) || isImprint(c) || NOTE.test(c) || (!SENTENCE_MARK.test(c.slice(0, -1)) && !c.endsWith('。'));
}

function span(info: LineInfo): ElementSpan {
  return { line: info.line, start: info.start, end: info.end };
}

function element(kind: ElementKind, infos: LineInfo[], extra: Partial<DocElement> = {}): DocElement {
  // A line's span is made once and kept with its (reusable) LineInfo: the 正文 has one per line.
  return { kind, startLine: infos[0].line, endLine: infos[infos.length - 1].line, spans: infos.map((i) => (i.span ??= span(i))), ...extra };
}

function attachmentItem(doc: GwDocument, info: LineInfo, from: number): AttachmentItem {
  const prose = doc.lines[info.line].prose;
  let base = info.start + from;
  base += /^[ \t\u3000]*/.exec(prose.slice(base, info.end))![0].length;
  const n = ATTACH_NUMBER.exec(prose.slice(base, info.end));
  if (!n) return { line: info.line, nameStart: base, nameEnd: info.end };
  const value = n[4] ? n[4].charCodeAt(0) - 0x2460 + 1 : Number(toAscii(n[1] ?? n[3]));
  const numEnd = base + n[0].length;
  const nameStart = numEnd + /^[ \t\u3000]*/.exec(prose.slice(numEnd, info.end))![0].length;
  return { line: info.line, number: { start: base, end: numEnd, text: n[0], value }, nameStart, nameEnd: info.end };
}

/** An 附件说明 starting on line i: 附件：1.名称, with the numbered names on the lines below. */
function parseAttachment(doc: GwDocument, infos: (LineInfo | undefined)[], i: number): DocElement | undefined {
  const first = infos[i]!;
  const h = ATTACH_HEAD.exec(first.content);
  if (!h) return undefined;
  const rest = first.content.slice(h[0].length);
  const num = ATTACH_NUMBER.exec(rest);
  const name = num ? rest.slice(num[0].length) : rest;
  if (h[2]) {
    // 附件：请于…前报送。 is a sentence, not a list of names.
    if (SENTENCE_MARK.test(name.slice(0, -1))) return undefined;
  } else if (!num || !HAN.test(name) || SENTENCE_MARK.test(name.slice(0, -1))) {
    // Without a colon: 附件 1.名称 lacks the colon; 附件中的表格… is a sentence and 附件1 alone an attachment's label.
    return undefined;
  }
  const note: AttachmentNote = { labelStart: first.start, labelEnd: first.start + 2, items: [] };
  if (h[2]) {
    const cs = first.start + 2 + h[1].length;
    note.colon = { start: cs, end: cs + 1, text: h[2] };
  }
  const lines = [first];
  if (rest) note.items.push(attachmentItem(doc, first, h[0].length));
  // The numbered names below; under an unnumbered first name only a list that goes on from 2.
  for (let j = i + 1; j < infos.length && infos[j] && ATTACH_NUMBER.test(infos[j]!.content); j++) {
    const it = attachmentItem(doc, infos[j]!, 0);
    if (it.nameEnd <= it.nameStart) break;
    if (rest && !num && note.items.length === 1 && it.number?.value !== 2) break;
    note.items.push(it);
    lines.push(infos[j]!);
  }
  if (!note.items.length) return undefined;
  return element('attachment', lines, { attachment: note });
}

function shapeOf(doc: GwDocument, line: number): LineShape {
  const info = contentOf(doc, line);
  if (!info) return { info, date: undefined, anyDate: undefined };
  const date = parseDateLine(info.content, line, info.start);
  return { info, date, anyDate: date ?? parseImprint(info.content, line, info.start) };
}

/**
 * `reuse` lends the shapes of lines unchanged since an earlier version (while someone types, all lines but
 * one): their content, dates and spans are not read again, nor allocated again.
 */
export function findElements(doc: GwDocument, reuse?: ShapeReuse): DocElements {
  const n = doc.lines.length;
  const shapes: LineShape[] = new Array(n);
  for (let i = 0; i < n; i++) shapes[i] = reuse?.(i) ?? shapeOf(doc, i);
  const infos: (LineInfo | undefined)[] = new Array(n);
  const nonBlank: number[] = [];
  for (let i = 0; i < n; i++) {
    infos[i] = shapes[i].info;
    if (infos[i]) nonBlank.push(i);
  }

  const head: DocElement[] = [];
  const tail: DocElement[] = [];
  const dates: DateMatch[] = [];
  const headings: ElementSpan[] = [];
  const dateAt = new Map<number, DateMatch>();
  for (const i of nonBlank) {
    const sh = shapes[i];
    if (sh.info!.heading) headings.push((sh.info!.span ??= span(sh.info!)));
    if (sh.date) dateAt.set(i, sh.date);
    if (sh.anyDate) dates.push(sh.anyDate);
  }

  // The head: 发文机关标志, 发文字号 and 签发人, the title (maybe on several lines), a date under it, 主送机关.
  let k = 0;
  let title: DocElement | undefined;
  let addressee: DocElement | undefined;
  while (k < nonBlank.length) {
    const i = nonBlank[k];
    const info = infos[i]!;
    const c = info.content;
    if (!title) {
      const dn = parseDocNumber(c, i, info.start);
      if (dn) {
        head.push(element('docNumber', [info], { docNumber: dn }));
        k++;
        continue;
      }
      if (ORG_MARK.test(c) || SEPARATOR.test(c) || SIGNER.test(c)) {
        k++;
        continue;
      }
      const titled = info.heading === 1 ? !doc.markerAt(i) : isTitleShaped(doc, info);
      // A title heads something: a line alone in its document is just a line.
      if (titled && k + 1 < nonBlank.length && !isAddressee(info) && !dateAt.has(i)) {
        const lines = [info];
        // A title may run on over the next lines (no blank between), a subtitle ——在…上的讲话 included.
        while (k + 1 < nonBlank.length && nonBlank[k + 1] === lines[lines.length - 1].line + 1 && lines.length < 3) {
          const nx = infos[nonBlank[k + 1]]!;
          if (dateAt.has(nx.line) || nx.heading || isAddressee(nx) || !(isTitleShaped(doc, nx) || /^——/.test(nx.content))) break;
          lines.push(nx);
          k++;
        }
        title = element('title', lines);
        head.push(title);
        k++;
        continue;
      }
    } else if (dateAt.has(i)) {
      head.push(element('date', [info], { date: dateAt.get(i) }));
      k++;
      continue;
    }
    if (isAddressee(info) || (title && isColonlessAddressee(info) && k + 1 < nonBlank.length)) {
      addressee = element('addressee', [info]);
      head.push(addressee);
      k++;
    }
    break;
  }
  // A salutation a little further down (a web copy puts its own header lines between): the first short line
  // ending in a colon that names the people addressed, before any outline item.
  if (!addressee && title) {
    for (let q = k; q < Math.min(nonBlank.length, k + 6); q++) {
      const i = nonBlank[q];
      if (doc.markerAt(i)) break;
      if (isAddressee(infos[i]!)) {
        head.push((addressee = element('addressee', [infos[i]!])));
        k = q + 1;
        break;
      }
    }
  }
  const bodyFrom = k < nonBlank.length ? nonBlank[k] : n;

  // The 成文日期: the first date alone on its line after the head that has a 署名 right above it, or after
  // which only tail-like lines follow.
  const tailLikeFrom = new Array<boolean>(nonBlank.length + 1);
  tailLikeFrom[nonBlank.length] = true;
  for (let q = nonBlank.length - 1; q >= 0; q--) tailLikeFrom[q] = tailLikeFrom[q + 1] && isTailLike(infos[nonBlank[q]]!);
  let closingDate: number | undefined;
  for (let q = k + 1; q < nonBlank.length; q++) {
    const i = nonBlank[q];
    if (!dateAt.has(i)) continue;
    const above = infos[i - 1];
    if ((above && i - 1 > bodyFrom && isSignatureShaped(doc, above)) || tailLikeFrom[q + 1]) {
      closingDate = i;
      break;
    }
  }

  // The tail: 附件说明 (before the date), 署名 + 成文日期, 抄送, 印发.
  const tailLines = new Set<number>();
  for (let q = k + 1; q < nonBlank.length; q++) {
    const i = nonBlank[q];
    const info = infos[i]!;
    const c = info.content;
    if (closingDate === undefined || i < closingDate) {
      const att = parseAttachment(doc, infos, i);
      if (att) {
        tail.push(att);
        for (let r = att.startLine; r <= att.endLine; r++) tailLines.add(r);
        q += att.endLine - att.startLine;
        continue;
      }
    }
    if (i === closingDate) {
      // 署名: up to three short lines right above the date, no blank between.
      const sig: LineInfo[] = [];
      for (let r = i - 1; r > bodyFrom && sig.length < 3; r--) {
        const a = infos[r];
        if (!a || tailLines.has(r) || !isSignatureShaped(doc, a)) break;
        sig.unshift(a);
      }
      if (sig.length) tail.push(element('signature', sig));
      tail.push(element('date', [info], { date: dateAt.get(i) }));
      continue;
    }
    // A Markdown heading that reads 抄送： is a heading (title-punct and cc-period would fight over its 。).
    if (CC_HEAD.test(c) && !info.heading) {
      const lines = [info];
      // A long 抄送 runs on over the next lines until its 。.
      while (q + 1 < nonBlank.length && nonBlank[q + 1] === lines[lines.length - 1].line + 1 && lines.length < 4 && !lines[lines.length - 1].content.endsWith('。')) {
        const nx = infos[nonBlank[q + 1]]!.content;
        // A Markdown heading is a block of its own: cc-period would add a 。 that title-punct takes away.
        if (SEPARATOR.test(nx) || isImprint(nx) || CC_HEAD.test(nx) || infos[nonBlank[q + 1]]!.heading) break;
        lines.push(infos[nonBlank[++q]]!);
      }
      tail.push(element('cc', lines));
      continue;
    }
    if (isImprint(c)) tail.push(element('imprint', [info], { date: dates.find((x) => x.line === i) }));
  }
  tail.sort((a, b) => a.startLine - b.startLine);
  const tailFrom = tail.length ? tail[0].startLine : n;

  // The 正文: from the end of the head to the first tail element, blank and separator lines left out.
  const isBody = (i: number) => i >= bodyFrom && i < tailFrom && !SEPARATOR.test(infos[i]!.content);
  let body: DocElement | undefined;
  if (lineCaches.enabled) {
    const bodyLines = nonBlank.filter(isBody);
    if (bodyLines.length) body = element('body', bodyLines.map((i) => infos[i]!));
  } else {
    // Without the line shapes kept, the 正文's spans (one per line, ~3 MB for a 10 MB document) are found
    // again when first asked for (no check reads them; the outline symbols read the first).
    let first = -1;
    let last = -1;
    for (const i of nonBlank) {
      if (!isBody(i)) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first >= 0) body = lazyBody(doc, first, last);
  }

  // The line shapes are kept only for the next version of the document to take over; a one-shot check (the
  // command line, a large document in the language server) lets them and their contents go once the
  // elements are found (~9 MB for a 10 MB document).
  return elementsOf(head, body, tail, dates, headings, lineCaches.enabled ? shapes : undefined);
}

/** The 正文 from line `startLine` to `endLine` (both in it), its spans found on first use. */
function lazyBody(doc: GwDocument, startLine: number, endLine: number): DocElement {
  let spans: ElementSpan[] | undefined;
  return {
    kind: 'body',
    startLine,
    endLine,
    // The lines of the 正文 between its first and last: every line with content but the separators.
    get spans(): ElementSpan[] {
      if (!spans) {
        spans = [];
        for (let i = startLine; i <= endLine; i++) {
          const info = contentOf(doc, i);
          if (info && !SEPARATOR.test(info.content)) spans.push(span(info));
        }
      }
      return spans;
    },
  };
}

/**
 * The result of findElements, with its lookups. Made apart from findElements so that the lookup closures hold
 * only what they read, not findElements' locals (its per-line arrays).
 */
function elementsOf(head: DocElement[], body: DocElement | undefined, tail: DocElement[], dates: DateMatch[], headings: ElementSpan[], lines: LineShape[] | undefined): DocElements {
  const all = [...head, ...(body ? [body] : []), ...tail];
  const byLine = new Map<number, DocElement>();
  for (const e of all) if (e.kind !== 'body') for (const s of e.spans) byLine.set(s.line, e);
  return {
    all,
    head,
    body,
    tail,
    dates,
    headings,
    of: (kind) => all.find((e) => e.kind === kind),
    at: (line) => byLine.get(line) ?? (body && line >= body.startLine && line <= body.endLine ? body : undefined),
    lines,
  };
}
