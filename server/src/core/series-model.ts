// 序次语 series: 一是/二是, 一要/二要, 第一/第二, 其一/其二, 首先/其次/再次/最后, 一方面/另一方面.
// Found once per change as part of the document model.
import { isSpace } from './chars';
import type { GwDocument } from './model';
import { parseChineseNumeral, toChineseNumeral } from './numerals';

export type SeriesKind = 'shi' | 'yao' | 'di' | 'qi' | 'shouxian' | 'fangmian';

/** 最后 closes a 首先 series whatever its length. */
export const LAST = -1;

export interface SeriesItem {
  line: number;
  /** Columns of the 序次语 itself (三要, 第二, 其次) in the line. */
  start: number;
  end: number;
  text: string;
  kind: SeriesKind;
  value: number;
  /** True when the item opens a paragraph (a line of its own), false when it runs inside one. */
  lineLevel: boolean;
}

export interface Series {
  items: SeriesItem[];
  lineLevel: boolean;
}

const ITEM = /(十[一二三四五六七八九]?|[一二三四五六七八九])(是|要)|第([一二三四五六七八九十]+)|其([一二三四五六七八九十]+)|首先|其次|再次|最后|另一方面|一方面/g;
/** What may stand right before an item that opens a series: a sentence end, a colon, or 为 (主要体现为一是). */
const OPENS_AFTER = /[。！？；：.!?;:为]$/;
/** A later item may also follow a comma: 一是…，二是…. */
const CONTINUES_AFTER = /[。！？；：.!?;:为，,]$/;
const LINE_START = /^[ \t\u3000\u00a0\ufeff]*$/;
const MD_LINE_START = /^[ \t\u3000\u00a0]*(#{1,6}[ \t]+)?([-*+][ \t]+)?(\*\*|__)?$/;
/** After 第X or 其X a mark must follow, or it is a word: 第一次, 第一批, 第一道程序. */
export const ORDINAL_FOLLOW = /^[，,、：:\s\u3000]/;
/** Kinds followed by ， (not 、) when they open an item: 第一， 其一， 首先， 一方面，. */
const COMMA_KINDS = new Set<SeriesKind>(['di', 'qi', 'shouxian', 'fangmian']);
/** 第一、二批, 第一、第二阶段: a 、 that enumerates ordinals (ordinal-punct leaves these alone). */
const ENUMERATES = /^[第其一二三四五六七八九十两]/;
const MD_HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/;
/** A line that ends a sentence: the next line starts a paragraph of its own. */
const SENTENCE_END_MARKS = '。！？!?：:';
const CLOSING_QUOTES = '”’」）)';
/** Quotes, brackets and emphasis between a mark and the 序次语 after it: 。“一是 reads as 。一是. */
const LEAD_NOISE = '“”"‘’「」（）()*_';

/**
 * The line ends a sentence: a mark, maybe a closing quote or bracket, then only white space. (By hand: a
 * pattern ending in $ is tried from every position of the line.)
 */
function endsSentence(s: string): boolean {
  let e = s.length;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  if (e > 0 && SENTENCE_END_MARKS.includes(s[e - 1])) return true;
  return e > 1 && CLOSING_QUOTES.includes(s[e - 1]) && SENTENCE_END_MARKS.includes(s[e - 2]);
}

/** `s` without trailing white space, quotes, brackets and emphasis. */
function trimLead(s: string): string {
  let e = s.length;
  while (e > 0 && (isSpace(s.charCodeAt(e - 1)) || LEAD_NOISE.includes(s[e - 1]))) e--;
  return e === s.length ? s : s.slice(0, e);
}

export function renderItem(kind: SeriesKind, value: number): string | undefined {
  if (value === LAST) return kind === 'shouxian' ? '最后' : undefined;
  switch (kind) {
    case 'shi':
      return toChineseNumeral(value) + '是';
    case 'yao':
      return toChineseNumeral(value) + '要';
    case 'di':
      return '第' + toChineseNumeral(value);
    case 'qi':
      return '其' + toChineseNumeral(value);
    case 'shouxian':
      return ['首先', '其次', '再次'][value - 1];
    case 'fangmian':
      return ['一方面', '另一方面'][value - 1];
  }
}

interface Candidate extends SeriesItem {
  before: string;
}

function classify(m: RegExpExecArray): { kind: SeriesKind; value: number } | undefined {
  const t = m[0];
  if (m[2]) return { kind: m[2] === '是' ? 'shi' : 'yao', value: parseChineseNumeral(m[1])! };
  if (m[3]) {
    const v = parseChineseNumeral(m[3]);
    return v === undefined ? undefined : { kind: 'di', value: v };
  }
  if (m[4]) {
    const v = parseChineseNumeral(m[4]);
    return v === undefined ? undefined : { kind: 'qi', value: v };
  }
  switch (t) {
    case '首先':
      return { kind: 'shouxian', value: 1 };
    case '其次':
      return { kind: 'shouxian', value: 2 };
    case '再次':
      return { kind: 'shouxian', value: 3 };
    case '最后':
      return { kind: 'shouxian', value: LAST };
    case '一方面':
      return { kind: 'fangmian', value: 1 };
    case '另一方面':
      return { kind: 'fangmian', value: 2 };
  }
  return undefined;
}

/** A 序次语 as the line alone shows it: where, which, and its number. */
export interface RawItem {
  start: number;
  end: number;
  text: string;
  kind: SeriesKind;
  value: number;
}

const NO_ITEMS: RawItem[] = [];

/** The 序次语 of a line's prose from column `from` on (after its outline marker), in order. */
export function scanItems(prose: string, from: number): RawItem[] {
  let out = NO_ITEMS;
  ITEM.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = ITEM.exec(prose))) {
    const c = classify(m);
    if (!c) continue;
    const end = m.index + m[0].length;
    if ((c.kind === 'di' || c.kind === 'qi') && !ORDINAL_FOLLOW.test(prose.slice(end, end + 1))) continue;
    if (out === NO_ITEMS) out = [];
    out.push({ start: m.index, end, text: m[0], kind: c.kind, value: c.value });
  }
  return out;
}

/**
 * Whether a line edited from `before` to `after` leaves the 序次语 series of its document as they were, all else
 * unchanged: no 序次语 in it before or after (`itemsBefore`: what findSeries found in it, undefined for a blank
 * line), and the same answer to what the next line asks of it (whether it ends a sentence; for Markdown,
 * whether it is a heading). Its outline marker, if any, must be alike before and after.
 */
export function seriesUnaffected(before: string, after: string, markdown: boolean, itemsBefore: readonly RawItem[] | undefined): boolean {
  if (itemsBefore?.length || scanItems(after, 0).length) return false;
  if (endsSentence(before) !== endsSentence(after)) return false;
  return !markdown || MD_HEADING.test(before) === MD_HEADING.test(after);
}

/**
 * The series of the previous version of a document, for findSeries to take over block by block: the lines are
 * as many, the markers alike (model.ts), and a block whose every line is `unchanged` has the series it had.
 */
export interface SeriesSeed {
  /** The previous version's series, in document order (as findSeries returns them). */
  series: readonly Series[];
  /** Whether line k reads to the series as it did. */
  unchanged(k: number): boolean;
}

/**
 * The document's series, block by block. `reuse` may answer a line's 序次语 from an earlier version of the
 * document (the line unchanged, its items read from the same column); `seed` hands over whole blocks of it (see
 * GwDocument).
 */
export function findSeries(doc: GwDocument, reuse?: (line: number, from: number) => RawItem[] | undefined, seed?: SeriesSeed): Series[] {
  const markdown = doc.format === 'markdown';
  const out: Series[] = [];
  // The lines' items are kept for the next version only when the model keeps its per-line results.
  const keep = doc.lineItems.length > 0;
  const lines = doc.lines;
  // Blocks: the text between two outline markers, each marker's line the first of its block. A series never
  // crosses one, and nothing in a block reads the lines of another: a block is read on its own.
  const markers = doc.markers;
  let taken = 0; // the seed's series before this block
  let next = 0; // the first marker after this block's first line
  for (let from = 0; from < lines.length; ) {
    // The block from `from` to the next marker's line.
    while (next < markers.length && markers[next].line <= from) next++;
    const to = next < markers.length ? markers[next].line : lines.length;
    if (seed) {
      let end = taken;
      while (end < seed.series.length && seed.series[end].items[0].line < to) end++;
      let same = true;
      for (let k = from; k < to && same; k++) same = seed.unchanged(k);
      const first = taken;
      taken = end;
      if (same) {
        for (let x = first; x < end; x++) out.push(seed.series[x]);
        from = to;
        continue;
      }
    }
    blockSeries(doc, from, to, markdown, keep, reuse, out);
    from = to;
  }
  return out;
}

/** The series of the block of lines `from` to `to` (a marker's line first, unless it is the document's start). */
function blockSeries(doc: GwDocument, from: number, to: number, markdown: boolean, keep: boolean, reuse: ((line: number, from: number) => RawItem[] | undefined) | undefined, out: Series[]): void {
  const items: Candidate[] = [];
  for (let li = from; li < to; li++) {
    const l = doc.lines[li];
    if (l.blank) {
      if (keep) doc.lineItems[li] = undefined;
      continue;
    }
    const marker = doc.markerAt(li);
    const prose = l.prose;
    const start0 = marker ? marker.end : 0;
    const raw = reuse?.(li, start0) ?? scanItems(prose, start0);
    if (keep) {
      doc.lineItems[li] = raw;
      doc.lineItemsFrom[li] = start0;
    }
    for (const c of raw) {
      const { start, end } = c;
      const before = prose.slice(start0, start);
      // 一方面 inside 另一方面 is matched as 另一方面 already; 一是一 and similar idioms are rare enough.
      const atLineStart = (markdown ? MD_LINE_START : LINE_START).test(before) && !marker;
      const lineLevel = atLineStart && opensParagraph(doc, li, from);
      let lead = atLineStart ? '。' : trimLead(before);
      // 第三、（二要: the 、 after 第三 is a slip for ， (ordinal-punct fixes it); read it as ， here, or fixing
      // it would bring 二要 into the series and leave fix-all work for a second run.
      const prev = items[items.length - 1];
      // (首先、其次 is no enumeration: only 第/其 ordinals enumerate: 第一、二批, 其一、二.)
      const enumerates = (prev?.kind === 'di' || prev?.kind === 'qi') && ENUMERATES.test(prose.slice(prev.end + 1));
      if (prev && prev.line === li && COMMA_KINDS.has(prev.kind) && prose[prev.end] === '、' && !enumerates && start0 + lead.length === prev.end + 1) {
        lead = lead.slice(0, -1) + '，';
      }
      // 十一是二要: an item glued right onto the one before goes on from it, as after a ，. Otherwise fixing the
      // first (十一是 → 第二，) would bring the second into the series only on the next run.
      if (prev && prev.line === li && prev.end === start) lead = '，';
      items.push({ line: li, start, end, text: c.text, kind: c.kind, value: c.value, lineLevel, before: lead });
    }
  }
  const first = out.length;
  groupBlock(items, out);
  // Lists grown by push keep room for 16 more items: a list of the exact length instead (the 10 MB bench
  // document has ~5,000 series of ~3 items).
  for (let x = first; x < out.length; x++) if (out[x].items.length > 1) out[x].items = out[x].items.slice();
}

function opensParagraph(doc: GwDocument, line: number, blockStart: number): boolean {
  if (line === 0) return true;
  const prev = doc.lines[line - 1];
  if (prev.blank || line - 1 === blockStart && doc.markerAt(blockStart)) return true;
  // A Markdown heading is a block of its own, whether or not it ends in 。 (title-punct removes that 。; the
  // line after must not change paragraphs when it does).
  if (doc.format === 'markdown' && MD_HEADING.test(prev.prose)) return true;
  return endsSentence(prev.prose);
}

/**
 * Splits a block's candidates into series: the paragraph-level series, and the inline ones of each span
 * between two paragraph-level items. Inline items that go on counting from the paragraph-level item before
 * them (一是…。二是…。三是… written in one paragraph) belong to the paragraph-level series; inline items that
 * start again from 一 are a series nested inside that item.
 */
function groupBlock(items: Candidate[], out: Series[]): void {
  if (!items.length) return;
  const outer = new Grouper(true, out);
  let inner = new Grouper(false, out);
  for (const it of items) {
    if (it.lineLevel) {
      outer.add(it);
      inner = new Grouper(false, out);
    } else if (inner.continues(it) === undefined && outer.continues(it)) {
      outer.add(it, CONTINUES_AFTER);
    } else inner.add(it);
  }
}

class Grouper {
  private ordinal: Series | undefined;
  private fangmian: Series | undefined;
  constructor(private readonly lineLevel: boolean, private readonly out: Series[]) {}

  /**
   * Whether an item would go on with the open series of its track: undefined when none is open, true when it
   * counts on (二是 after 一是, 另一方面 after 一方面) or repeats a lone opener (首先…首先).
   */
  continues(it: Candidate): boolean | undefined {
    const s = it.kind === 'fangmian' ? this.fangmian : this.ordinal;
    if (!s) return undefined;
    if (it.value !== 1) return true;
    return s.items.length === 1 && s.items[0].kind === it.kind;
  }

  add(it: Candidate, after?: RegExp): void {
    if (!it.lineLevel) {
      // An item that opens a series must start a sentence; a later one may also follow a comma.
      const opens = it.value === 1 || !(it.kind === 'fangmian' ? this.fangmian : this.ordinal);
      if (!(after ?? (opens ? OPENS_AFTER : CONTINUES_AFTER)).test(it.before)) return;
    }
    const item: SeriesItem = { line: it.line, start: it.start, end: it.end, text: it.text, kind: it.kind, value: it.value, lineLevel: it.lineLevel };
    if (it.kind === 'fangmian') {
      if (it.value === 1 || !this.fangmian) this.fangmian = this.open(item);
      else this.fangmian.items.push(item);
      return;
    }
    const ordinal = this.ordinal;
    const opener = ordinal?.items[0];
    if (it.kind === 'shouxian' && (it.value === LAST || it.value === 3)) {
      // 再次 and 最后 are ordinary words unless a 首先 series is open.
      if (opener?.kind !== 'shouxian') return;
      ordinal!.items.push(item);
      return;
    }
    if (it.value === 1) {
      // 首先…首先 is a repeat; a second 一是 after a finished series opens a new one.
      if (ordinal && ordinal.items.length === 1 && opener!.kind === it.kind) ordinal.items.push(item);
      else this.ordinal = this.open(item);
      return;
    }
    if (!ordinal) this.ordinal = this.open(item);
    else ordinal.items.push(item);
  }

  private open(item: SeriesItem): Series {
    const s: Series = { items: [item], lineLevel: this.lineLevel };
    this.out.push(s);
    return s;
  }
}
