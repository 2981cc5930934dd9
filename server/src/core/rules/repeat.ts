// Repetition the writer did not mean:
// - `repeat-nearby`: one phrase of 4 or more Chinese characters used twice within a short span
//   (CheckOptions.repeatWindow, default 100 characters from the start of one to the start of the other).
// - `repeat-successive`: a word typed twice in a row (的的, 了了, 我们我们, 进行进行), not legitimate
//   reduplication (常常, 看看, 的的确确, 不了了之, 市市场监管局 = 市 + 市场).
//
// How `repeat-nearby` decides (also in docs/rules.md):
// 1. It reads the prose with outline markers (一、（一）1.) and 序次语 (一是、二要、第一、首先) blanked, and only
//    runs of Chinese characters: a phrase never crosses punctuation or a line break, and the marker or
//    序次语 itself never takes part in a repeat.
// 2. One pass with a sliding window of hashed 4-grams: each 4-gram is looked up among the 4-grams of the last
//    `repeatWindow` characters (a small hash table whose slots chain through a ring buffer, so only the window
//    is ever held; a hash hit is checked character by character). A hit is extended forward to the longest
//    common phrase; the second occurrence is reported once, with the first as related information.
// 3. Parallel structure (排比) is skipped: both occurrences stand at the same place near the start of their
//    clauses (at most 6 characters in, the two offsets within 2 of each other — room for a subject such as
//    *市 or 我们看) and both clauses go on after the phrase with different words: 一是坚定不移地推进思想解放，
//    二是坚定不移地推进创新驱动; 看得最多的是产业，听得最多的是创新. A phrase that ends its clause in either
//    place (加强队伍建设。要加强队伍建设。) is a repeat, as is one deep inside a sentence. Two clauses side by side,
//    with one comma between them, may differ more in where the phrase starts: 主要负责同志要亲自抓，分管负责同志要具体抓.
// 4. Outline titles are labels, not prose: a phrase in a heading (一、议定事项) may repeat the sentence that
//    announces it (现将议定事项纪要如下), and sibling headings are parallel by construction. A repeat with either
//    occurrence in an outline title is skipped.
// 5. Topic terms are skipped: a phrase that occurs at least 4 times and in at least 3 of the document's 4
//    quarters recurs evenly by nature (营商环境 in a report on 营商环境). Counting happens only for the
//    candidate phrases and their 4-grams, with one hash table of their first 4-grams and one more pass over the
//    text — no table of every n-gram in the document. A candidate is skipped when, after removing the parts covered by
//    topic terms, fewer than 4 characters remain (优化营商环境 where 营商环境 is the topic).
// 6. Only the 正文 counts: a repeat with either occurrence in 标题, 题注, 主送机关, 署名, 成文日期, 抄送 or 印发
//    is skipped, since those repeat names by format.
// 7. Phrases on the allow list (or containing one) are never flagged.
import { lineCaches, PerDocument } from '../cache';
import { writeUtf16 } from '../chars';
import { getKernel, KERNEL_MIN_UNITS, Layout, type Kernel } from '../kernel';
import type { GwDocument, Line } from '../model';
import { finding, type Finding } from '../types';
import type { RuleContext, RuleFamily } from './api';

const PRACTICE = '惯例';
const PRACTICE_EN = 'practice';
const GRAM = 4;
/** How far into its clause a parallel item may start (the subject: *市, 三市, 我们看). */
const PARALLEL_LEAD = 6;

export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3007;
}

// ---------------------------------------------------------------- the scanned text
//
// Both rules read each line's prose with outline markers and 序次语 blanked. Nothing copies the lines for that:
// the blanked columns are kept per line, and the scans read the Han characters of a span of the document as a
// Uint16Array (0 for everything else), built once per check for the span that needs scanning. The 排比 filter,
// which looks at punctuation, reads a line's characters through its blanked columns.

/**
 * Per line, the columns blanked for scanning — its outline marker and 序次语 (they never take part in a
 * repeat) — clipped to the line: line li's are cols[at[li]], cols[at[li] + 1], … up to at[li + 1], as start,
 * end pairs. Typed arrays per check rather than an array per line.
 */
interface Blanks {
  at: Int32Array;
  cols: Int32Array;
  /** The same as document offsets. */
  offsets: Int32Array;
}

function blankedColumns(doc: GwDocument): Blanks {
  const { lines } = doc;
  const n = lines.length;
  const at = new Int32Array(n + 1);
  const each = (f: (line: number, start: number, end: number) => void) => {
    const add = (line: number, start: number, end: number) => {
      const len = lines[line].prose.length;
      if (start < end && start < len) f(line, start, Math.min(end, len));
    };
    for (const m of doc.markers) add(m.line, m.start, m.end);
    for (const s of doc.series) for (const it of s.items) add(it.line, it.start, it.end);
  };
  each((line) => (at[line + 1] += 2));
  for (let i = 0; i < n; i++) at[i + 1] += at[i];
  const cols = new Int32Array(at[n]);
  const offsets = new Int32Array(at[n]);
  const next = at.slice(0, n);
  each((line, start, end) => {
    const k = next[line];
    cols[k] = start;
    cols[k + 1] = end;
    offsets[k] = lines[line].start + start;
    offsets[k + 1] = lines[line].start + end;
    next[line] = k + 2;
  });
  return { at, cols, offsets };
}

/** Line i of a and line j of b have the same blanked columns. */
function sameCols(a: Blanks, i: number, b: Blanks, j: number): boolean {
  const from = a.at[i];
  const len = a.at[i + 1] - from;
  if (b.at[j + 1] - b.at[j] !== len) return false;
  for (let k = 0; k < len; k++) if (a.cols[from + k] !== b.cols[b.at[j] + k]) return false;
  return true;
}

/** Whether column k of line li lies in one of its blanked columns (scanned as a space). */
function blankedAt(b: Blanks, li: number, k: number): boolean {
  for (let j = b.at[li]; j < b.at[li + 1]; j += 2) if (k >= b.cols[j] && k < b.cols[j + 1]) return true;
  return false;
}

/** Line li's prose with its blanked columns turned to spaces (the same length as the line). */
function scanText(line: Line, b: Blanks, li: number): string {
  let s = line.prose;
  for (let j = b.at[li]; j < b.at[li + 1]; j += 2) s = s.slice(0, b.cols[j]) + ' '.repeat(b.cols[j + 1] - b.cols[j]) + s.slice(b.cols[j + 1]);
  return s;
}

/** The line holding a document offset: the last one starting at or before it. */
function lineAt(lines: Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Code units after the end of every codes array, all 0: a look a few characters ahead never reads past it. */
const PAD = 8;

/**
 * The scanned text from document offset `from` to `to` as UTF-16 code units, what is not prose and the
 * blanked columns already 0 (sweep turns the rest that is not Han to 0).
 */
function rawCodes(doc: GwDocument, blanks: Blanks, from: number, to: number): Uint16Array {
  const { lines } = doc;
  const codes = new Uint16Array(Math.max(0, to - from) + PAD);
  writeUtf16(codes.buffer, codes.byteOffset, doc.text.slice(from, Math.max(from, to)));
  const first = lineAt(lines, from);
  let li = first;
  for (; li < lines.length && lines[li].start < to; li++) {
    const l = lines[li];
    const p = l.prose;
    if (p === l.text) continue;
    const base = l.start - from;
    const b = Math.min(p.length, to - l.start);
    for (let k = Math.max(0, -base); k < b; k++) codes[base + k] = p.charCodeAt(k);
  }
  const { at, offsets } = blanks;
  for (let j = at[first]; j < at[li]; j += 2) {
    const end = Math.min(offsets[j + 1], to);
    for (let k = Math.max(offsets[j], from); k < end; k++) codes[k - from] = 0;
  }
  return codes;
}

/** A 4-gram's key (a hash: equal keys are checked character by character). */
const key4 = (c0: number, c1: number, c2: number, c3: number) => Math.imul((c0 << 16) | c1, 0x85ebca6b) ^ ((c2 << 16) | c3);
/** A slot in a table of 65,536 for two characters. */
const bigram = (c0: number, c1: number) => Math.imul((c0 << 16) | c1, 0x9e3779b1) >>> 16;
/** A key's slot in a table of 2^(32 - shift) slots. */
const slotOf = (key: number, shift: number) => Math.imul(key, 0x9e3779b1) >>> shift;

// ---------------------------------------------------------------- repeat-nearby

/**
 * One pass over codes[0, end) (from rawCodes): turns what is not Han to 0; notes in `doubles` each offset where
 * a doubled word may start (its character comes again within 4); and, given `pairs`, finds the pairs of equal
 * phrases (4+ Chinese characters, no punctuation inside) whose starts lie at most `window` apart, pushing
 * (first, second, length) in order of the second.
 *
 * Pairs: the 4-grams of the last `window` characters are chained per slot of a small hash table through a ring
 * indexed by offset: a slot holds its latest 4-gram, each 4-gram the one before it in the same slot, and one
 * older than the window ends the chain; nothing is ever deleted, nothing is allocated per character, and memory
 * is bounded by the window, not the document. A hit is checked character by character and extended forward to
 * the longest common phrase. A pair's second occurrence depends only on the `window` characters before it:
 * scanning from `window` characters before a line start finds that line's pairs exactly as a scan of the whole
 * text does (a line break ends every run, so nothing carries over into the line).
 */
function sweep(codes: Uint16Array, end: number, window: number, pairs: number[] | undefined, doubles: number[]): void {
  const k = compiledFor(end);
  if (!k || !sweepCompiled(k, codes, end, window, pairs, doubles)) sweepJs(codes, end, window, pairs, doubles);
}

/** The kernel for a scan of `n` characters, or null for the JavaScript loop. */
const compiledFor = (n: number): Kernel | null => (n >= KERNEL_MIN_UNITS ? getKernel() : null);

/** The ring of a sweep's window: its size (a power of two), and the number of hash heads as a power of two. */
function ringShape(end: number, window: number): { size: number; bits: number } {
  let size = 16;
  // A window wider than the text needs no bigger ring than the text (repeatWindow: 1e9 must not allocate 4 GB).
  while (size <= Math.min(window, end) + GRAM) size <<= 1;
  return { size, bits: 31 - Math.clz32(size) + (size <= 4096 ? 2 : 0) };
}

/** sweep, in JavaScript. Exported for tests (kernel.test.ts compares it with sweepCompiled). */
export function sweepJs(codes: Uint16Array, end: number, window: number, pairs: number[] | undefined, doubles: number[]): void {
  const { size, bits } = ringShape(end, window);
  const mask = size - 1;
  const ring = new Int32Array(pairs ? size : 0);
  const heads = new Int32Array(pairs ? 1 << bits : 0).fill(-1);
  const shift = 32 - bits;
  let coveredUntil = -1;
  let run = 0; // length of the run of Chinese characters ending at i
  for (let i = 0; i < end; i++) {
    const c3 = codes[i];
    // Not Han (isHan written out: a call per character costs the unoptimised first run dearly).
    if (c3 < 0x4e00 ? (c3 < 0x3400 ? c3 !== 0x3007 : c3 > 0x4dbf) : c3 > 0x9fff && (c3 < 0xf900 || c3 > 0xfaff)) {
      if (c3 !== 0) codes[i] = 0;
      run = 0;
      continue;
    }
    // (What lies ahead is not turned to 0 yet, but a Han character only equals itself.)
    if (c3 === codes[i + 1] || c3 === codes[i + 2] || c3 === codes[i + 3] || c3 === codes[i + 4]) doubles.push(i);
    if (++run < GRAM || !pairs) continue;
    const off = i - GRAM + 1;
    const c0 = codes[off];
    const c1 = codes[off + 1];
    const c2 = codes[off + 2];
    const slot = Math.imul(Math.imul((c0 << 16) | c1, 0x85ebca6b) ^ ((c2 << 16) | c3), 0x9e3779b1) >>> shift; // slotOf(key4(…))
    if (off >= coveredUntil) {
      for (let p = heads[slot]; p >= 0 && off - p <= window; p = ring[p & mask]) {
        if (p + GRAM > off) continue; // overlaps this one (哈哈哈哈哈)
        if (codes[p] !== c0 || codes[p + 1] !== c1 || codes[p + 2] !== c2 || codes[p + 3] !== c3) continue; // another 4-gram
        // Extend: the first copy's side is already swept (0 where not Han), so equal means Han on both sides.
        let len = GRAM;
        while (p + len < off && off + len < end && codes[p + len] === codes[off + len] && codes[off + len] !== 0) len++;
        pairs.push(p, off, len);
        coveredUntil = off + len;
        break;
      }
    }
    ring[off & mask] = heads[slot];
    heads[slot] = off;
  }
}

/**
 * sweep, run by the kernel (kernel.wat `sweep`) on a copy of codes[0, end + PAD) in its memory; the swept codes
 * are copied back. False, having changed nothing, when the kernel's memory cannot grow to hold the text (a
 * WebAssembly memory holds at most 4 GB). Exported for tests.
 */
export function sweepCompiled(k: Kernel, codes: Uint16Array, end: number, window: number, pairs: number[] | undefined, doubles: number[]): boolean {
  const { size, bits } = ringShape(end, window);
  const n = end + PAD;
  const layout = new Layout();
  const codesAt = layout.take(2 * n);
  const ringAt = pairs ? layout.take(4 * size) : 0;
  const headsAt = pairs ? layout.take(4 << bits) : 0;
  const doublesAt = layout.take(4 * end);
  // Pairs never overlap in their second occurrences (the next starts after the last one's phrase, 4+ long).
  const pairsAt = pairs ? layout.take(12 * (Math.floor(end / GRAM) + 1)) : 0;
  const buf = layout.buffer(k);
  if (!buf) return false;
  const mem = new Uint16Array(buf, codesAt, n);
  const have = Math.min(codes.length, n);
  mem.set(have === codes.length ? codes : codes.subarray(0, have));
  mem.fill(0, have);
  if (pairs) {
    new Int32Array(buf, ringAt, size).fill(0);
    new Int32Array(buf, headsAt, 1 << bits).fill(-1);
  }
  // (A window past what an i32 holds is no wider in effect: no two offsets of the text lie further apart.)
  const nd = k.sweep(codesAt, end, Math.min(window, 0x7fffffff), pairs ? 1 : 0, ringAt, size - 1, headsAt, 32 - bits, doublesAt, pairsAt);
  codes.set(mem.subarray(0, Math.min(end, codes.length)));
  const d = new Int32Array(buf, doublesAt, nd);
  for (let j = 0; j < nd; j++) doubles.push(d[j]);
  if (pairs) {
    const np = 3 * k.pairCount.value;
    const p = new Int32Array(buf, pairsAt, np);
    for (let j = 0; j < np; j++) pairs.push(p[j]);
  }
  return true;
}

/**
 * A repeat whose second occurrence is on a line: the first is `back` lines before it (0: the same line). What
 * it holds depends only on the lines holding the `window` characters before the line, and the line: the pairs
 * on the scanned text from `window` characters before the line, the 排比 filter on the two lines.
 */
interface Repeat {
  back: number;
  firstCol: number;
  col: number;
  len: number;
  text: string;
  /** The phrase's number in `dict`, kept while the document's dictionary stays the same. */
  id: number;
  dict: PhraseDict | undefined;
}

const NO_REPEATS: Repeat[] = [];


/** Characters a clause is made of (Chinese, Latin letters, digits, * ＊ ×): anything else ends it. */
function isClauseChar(c: number): boolean {
  return isHan(c) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2a || c === 0xff0a || c === 0xd7;
}

/**
 * Characters of the phrase's clause before col: back to punctuation, a blanked marker or the line start.
 * Only whether it is at most PARALLEL_LEAD matters, so counting stops one past it: without the cap a
 * 10,000-character clause cost 10,000 steps per candidate (2.4 s for one line of 的).
 *
 * One loop, isClauseChar written out and the blanked columns looked at only on a line that has some: this runs
 * for up to 8 columns on each side of each of the thousands of pairs a long document's sweep finds (4,818 in
 * the 1 MB bench document), and in a one-shot run a call per column costs more than the test it makes.
 */
function clauseOffset(line: Line, b: Blanks, li: number, col: number): number {
  const prose = line.prose;
  const blanks = b.at[li] < b.at[li + 1];
  const stop = Math.max(-1, col - 2 - PARALLEL_LEAD);
  let k = col - 1;
  for (; k > stop; k--) {
    const c = prose.charCodeAt(k);
    const clause =
      c >= 0x3400
        ? c <= 0x4dbf || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c === 0xff0a
        : c === 0x3007 || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2a || c === 0xd7;
    if (!clause || (blanks && blankedAt(b, li, k))) break;
  }
  return col - 1 - k;
}

/** The clause goes on after col with more Chinese text. */
function clauseContinues(line: Line, b: Blanks, li: number, col: number): boolean {
  return col < line.prose.length && isClauseChar(line.prose.charCodeAt(col)) && !blankedAt(b, li, col);
}

/**
 * Parallel clauses end alike after the shared phrase: 亲自抓 / 具体抓 end on the same character;
 * 问题 / 增长较快 do not. `first` is the first clause's rest up to its comma, `second` the second line's rest.
 */
function sameTail(first: string, second: string): boolean {
  const a = first.replace(/[，,；;、][\s\S]*$/, '');
  const m = /^[^，,；;、。！？!?]*/.exec(second);
  const b = m ? m[0] : second;
  if (!a || !b) return false;
  return a[a.length - 1] === b[b.length - 1];
}

/**
 * 排比: both occurrences near the start of their clauses, at about the same place, and both clauses going on
 * after the phrase. Two clauses side by side, with one comma between them, may differ more in where the phrase
 * starts (主要负责同志要亲自抓，分管负责同志要具体抓). The first occurrence is on line a, the second on line b.
 */
function parallel(lines: Line[], bl: Blanks, a: number, firstCol: number, b: number, col: number, len: number): boolean {
  const la = lines[a];
  const lb = lines[b];
  const da = clauseOffset(la, bl, a, firstCol);
  const db = clauseOffset(lb, bl, b, col);
  if (da > PARALLEL_LEAD || db > PARALLEL_LEAD) return false;
  if (!clauseContinues(la, bl, a, firstCol + len) || !clauseContinues(lb, bl, b, col + len)) return false;
  if (Math.abs(da - db) <= 2) return true;
  if (a !== b) return false;
  const s = scanText(lb, bl, b);
  const between = s.slice(firstCol + len, col);
  return (between.match(/[，,；;、]/g) ?? []).length === 1 && !/[。！？!?]/.test(between) && sameTail(between, s.slice(col + len));
}

/**
 * The repeats of lines [lo, hi) that are not parallel structure, into out[lo..hi), from the pairs a sweep found
 * in offsets from `cs` (it began at least `window` characters before line lo and ran to the end of line hi - 1).
 */
function findRepeats(lines: Line[], blanks: Blanks, pairs: number[], cs: number, lo: number, hi: number, out: Repeat[][]): void {
  let k = 0;
  while (k < pairs.length && pairs[k + 1] + cs < lines[lo].start) k += 3;
  for (let li = lo; li < hi; li++) {
    const l = lines[li];
    const end = l.start + l.text.length;
    let list: Repeat[] | undefined;
    for (; k < pairs.length && pairs[k + 1] + cs <= end; k += 3) {
      const first = pairs[k] + cs;
      const len = pairs[k + 2];
      let a = li;
      while (lines[a].start > first) a--;
      const firstCol = first - lines[a].start;
      const col = pairs[k + 1] + cs - l.start;
      if (parallel(lines, blanks, a, firstCol, li, col, len)) continue;
      (list ??= []).push({ back: li - a, firstCol, col, len, text: l.prose.slice(col, col + len), id: -1, dict: undefined });
    }
    out[li] = list ?? NO_REPEATS;
  }
}

function inTitle(doc: GwDocument, line: number, col: number, len: number): boolean {
  const m = doc.markerAt(line);
  return !!m && col >= m.titleStart && col + len <= Math.max(m.titleEnd, m.titleStart);
}

function outsideBody(doc: GwDocument, line: number): boolean {
  const kind = doc.elements.at(line)?.kind;
  return kind !== undefined && kind !== 'body';
}

function allowed(text: string, allow: readonly string[]): boolean {
  return allow.some((a) => typeof a === 'string' && a.length >= 2 && (text.includes(a) || a.includes(text)));
}

const ownCopy = (s: string) => (s.length > 12 ? (s + '\0').slice(0, -1) : s);

/**
 * The phrases whose occurrences are counted for topic terms (candidates and their 4-grams), numbered in the
 * order they came, with a hash table from each phrase's first 4-gram to the phrases starting with it: one pass
 * over codes hashes the 4-gram at every offset and checks only the phrases that start with it. Phrases are only
 * ever added, so a number stays valid for as long as the dictionary lives.
 */
export class PhraseDict {
  readonly texts: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly grams: (number[] | undefined)[] = [];
  private keys = new Int32Array(64);
  private heads = new Int32Array(64).fill(-1);
  private shift = 26;
  private used = 0;
  /** The next phrase with the same first-4-gram key, or -1. */
  private readonly nextSame: number[] = [];
  /** 1 where some phrase starts with the two characters of that bigram slot. */
  private readonly pairs = new Uint8Array(65536);
  /** Each phrase's first two and next two characters, packed: a 4-gram is checked with two comparisons. */
  private readonly head2: number[] = [];
  private readonly next2: number[] = [];

  get size(): number {
    return this.texts.length;
  }

  /** The phrase's number, added if new. */
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      text = ownCopy(text);
      this.texts.push(text);
      this.ids.set(text, id);
      this.grams.push(undefined);
      this.nextSame.push(-1);
      if (2 * (this.used + 1) > this.heads.length) this.rehash(this.heads.length * 2);
      this.insert(id);
    }
    return id;
  }

  /** The numbers of a phrase's 4-grams, in order (added if new). */
  gramsOf(id: number): number[] {
    let g = this.grams[id];
    if (!g) {
      const t = this.texts[id];
      g = [];
      for (let i = 0; i + GRAM <= t.length; i++) g.push(this.id(t.slice(i, i + GRAM)));
      this.grams[id] = g;
    }
    return g;
  }

  private insert(id: number): void {
    const t = this.texts[id];
    this.pairs[bigram(t.charCodeAt(0), t.charCodeAt(1))] = 1;
    this.head2[id] = (t.charCodeAt(0) << 16) | t.charCodeAt(1);
    this.next2[id] = (t.charCodeAt(2) << 16) | t.charCodeAt(3);
    const key = key4(t.charCodeAt(0), t.charCodeAt(1), t.charCodeAt(2), t.charCodeAt(3));
    const mask = this.heads.length - 1;
    let s = slotOf(key, this.shift);
    while (this.heads[s] >= 0 && this.keys[s] !== key) s = (s + 1) & mask;
    if (this.heads[s] < 0) {
      this.used++;
      this.keys[s] = key;
    }
    this.nextSame[id] = this.heads[s];
    this.heads[s] = id;
  }

  private rehash(size: number): void {
    this.keys = new Int32Array(size);
    this.heads = new Int32Array(size).fill(-1);
    this.shift = Math.clz32(size) + 1;
    this.used = 0;
    for (let id = 0; id < this.texts.length - 1; id++) this.insert(id);
  }

  /**
   * The phrase (the first of those sharing its first 4-gram's key, then `nextSame`) that may start at `off`,
   * or -1. The first two characters are looked up in a bit table first: most offsets stop there.
   */
  private first(codes: Uint16Array, off: number): number {
    const c0 = codes[off];
    const c1 = codes[off + 1];
    if (this.pairs[bigram(c0, c1)] === 0) return -1;
    const key = key4(c0, c1, codes[off + 2], codes[off + 3]);
    const { heads, keys } = this;
    const mask = heads.length - 1;
    let s = slotOf(key, this.shift);
    let id = heads[s];
    while (id >= 0 && keys[s] !== key) {
      s = (s + 1) & mask;
      id = heads[s];
    }
    return id;
  }

  /** The phrase stands at codes[off, off + its length), which ends by `to`. */
  private at(codes: Uint16Array, off: number, to: number, id: number): boolean {
    const t = this.texts[id];
    const n = t.length;
    if (off + n > to) return false;
    for (let m = 0; m < n; m++) if (codes[off + m] !== t.charCodeAt(m)) return false;
    return true;
  }

  /**
   * Every occurrence of every phrase in codes[from, to), overlapping ones included: pushes (offset - base,
   * number).
   */
  scan(codes: Uint16Array, from: number, to: number, base: number, out: number[]): void {
    let run = 0;
    for (let i = from; i < to; i++) {
      if (codes[i] === 0) run = 0;
      else if (++run >= GRAM) {
        const off = i - GRAM + 1;
        for (let id = this.first(codes, off); id >= 0; id = this.nextSame[id]) if (this.at(codes, off, to, id)) out.push(off - base, id);
      }
    }
  }

  /**
   * Counts the occurrences in codes[from, to) like scan, and notes the quarters of the document they fall in
   * (codes[k] is document offset k - base in a text of `length`). first() and at() written out.
   */
  count(codes: Uint16Array, from: number, to: number, base: number, length: number, count: Int32Array, quarters: Uint8Array): void {
    const k = compiledFor(to - from);
    if (!k || !this.countCompiled(k, codes, from, to, base, length, count, quarters)) this.countJs(codes, from, to, base, length, count, quarters);
  }

  /**
   * count, run by the kernel (kernel.wat `count`) on copies of codes[from, to) and of the dictionary's tables
   * in its memory; the counts and quarters are copied back. False, having changed nothing, when the kernel's
   * memory cannot grow to hold them. Exported (as a method) for tests.
   */
  countCompiled(k: Kernel, codes: Uint16Array, from: number, to: number, base: number, length: number, count: Int32Array, quarters: Uint8Array): boolean {
    const n = this.texts.length;
    let chars = 0;
    for (let id = 0; id < n; id++) chars += this.texts[id].length;
    const span = Math.max(0, to - from);
    const layout = new Layout();
    const codesAt = layout.put(codes.subarray(from, from + span));
    const bigramsAt = layout.put(this.pairs);
    const keysAt = layout.put(this.keys);
    const headsAt = layout.put(this.heads);
    const nextSameAt = layout.put(this.nextSame);
    const head2At = layout.put(this.head2);
    const next2At = layout.put(this.next2);
    const startsAt = layout.take(4 * n);
    const lengthsAt = layout.take(4 * n);
    const textsAt = layout.take(2 * chars);
    const countAt = layout.put(count.subarray(0, n));
    const quartersAt = layout.put(quarters.subarray(0, n));
    const buf = layout.buffer(k);
    if (!buf) return false;
    const starts = new Int32Array(buf, startsAt, n);
    const lengths = new Int32Array(buf, lengthsAt, n);
    const texts = new Uint16Array(buf, textsAt, chars);
    for (let id = 0, at = 0; id < n; id++) {
      const t = this.texts[id];
      starts[id] = at;
      lengths[id] = t.length;
      for (let m = 0; m < t.length; m++) texts[at + m] = t.charCodeAt(m);
      at += t.length;
    }
    // The quarters' edges as offsets into the copy, which starts at codes[from].
    const edge = (q: number) => quarterEdge(q, length) + base - from;
    k.count(codesAt, 0, span, edge(1), edge(2), edge(3), bigramsAt, keysAt, headsAt, this.heads.length - 1, this.shift, nextSameAt, head2At, next2At, startsAt, lengthsAt, textsAt, countAt, quartersAt);
    count.set(new Int32Array(buf, countAt, n));
    quarters.set(new Uint8Array(buf, quartersAt, n));
    return true;
  }

  /** count, in JavaScript. */
  countJs(codes: Uint16Array, from: number, to: number, base: number, length: number, count: Int32Array, quarters: Uint8Array): void {
    const { pairs, heads, keys, texts, nextSame, shift, head2, next2 } = this;
    const mask = heads.length - 1;
    const e1 = quarterEdge(1, length) + base;
    const e2 = quarterEdge(2, length) + base;
    const e3 = quarterEdge(3, length) + base;
    let run = 0;
    for (let i = from; i < to; i++) {
      const c3 = codes[i];
      if (c3 === 0) {
        run = 0;
        continue;
      }
      if (++run < GRAM) continue;
      const off = i - GRAM + 1;
      const h2 = (codes[off] << 16) | codes[off + 1];
      if (pairs[Math.imul(h2, 0x9e3779b1) >>> 16] === 0) continue; // bigram(c0, c1)
      const n2 = (codes[off + 2] << 16) | c3;
      const key = Math.imul(h2, 0x85ebca6b) ^ n2; // key4
      let s = Math.imul(key, 0x9e3779b1) >>> shift; // slotOf
      let id = heads[s];
      while (id >= 0 && keys[s] !== key) {
        s = (s + 1) & mask;
        id = heads[s];
      }
      if (id < 0) continue;
      const bit = off >= e3 ? 8 : off >= e2 ? 4 : off >= e1 ? 2 : 1;
      for (; id >= 0; id = nextSame[id]) {
        if (head2[id] !== h2 || next2[id] !== n2) continue;
        const t = texts[id];
        const n = t.length;
        if (off + n > to) continue;
        let m = GRAM;
        while (m < n && codes[off + m] === t.charCodeAt(m)) m++;
        if (m < n) continue;
        count[id]++;
        quarters[id] |= bit;
      }
    }
  }
}

/** Fewer than 4 characters of the phrase are left once its topic-term 4-grams are taken out. */
function mostlyTopic(dict: PhraseDict, id: number, topic: Uint8Array): boolean {
  if (topic[id]) return true;
  const grams = dict.gramsOf(id);
  const covered = new Uint8Array(dict.texts[id].length);
  for (let i = 0; i < grams.length; i++) if (topic[grams[i]]) covered.fill(1, i, i + GRAM);
  let run = 0;
  for (let k = 0; k < covered.length; k++) {
    run = covered[k] ? 0 : run + 1;
    if (run >= GRAM) return false;
  }
  return true;
}

/** The first offset in quarter k (1 to 3) of a text of `length`, as quarterIndex counts. */
function quarterEdge(k: number, length: number): number {
  let e = Math.ceil((k * Math.max(1, length)) / 4);
  while (e > 0 && quarterIndex(e - 1, length) >= k) e--;
  while (quarterIndex(e, length) < k) e++;
  return e;
}
const isTopic = (n: number, q: number) => n >= 4 && (q & 1) + ((q >> 1) & 1) + ((q >> 2) & 1) + ((q >> 3) & 1) >= 3;

// ---------------------------------------------------------------- repeat-successive

/** Single characters that never legitimately double: a doubled one is a typing slip unless an exception holds. */
const SINGLE = new Set([...'的了着们及而于也被吗呢吧']);

/** The second copy starts a word of its own: 为了 + 了解, 以及 + 及时, 围绕着 + 着力, 目的 + 的. */
const SECOND_STARTS_WORD: Record<string, RegExp> = {
  的: /^确/,
  了: /^(解|结|却|然|如|无|断|得|不起|事|望|悟)/,
  着: /^(力|手|眼|重|实|想|落|装|陆|急|迷|火|凉|色|墨|笔|数)/,
  及: /^(时|早|格|其|至)/,
  而: /^(且|言|已|后|今|立|易)/,
  于: /^是/,
  也: /^(许|好|罢)/,
  被: /^(子|褥|动|告|迫|单|套)/,
};

/** The first copy ends a word: 目的 + 的, 有的 + 的. */
const FIRST_ENDS_WORD: Record<string, RegExp> = {
  的: /(目|标|有|端|打|真)$/,
  了: /(不|时)$/,
};

/** Reduplications of two-character words that are right as written (verbs and adjectives in ABAB form). */
export const ABAB_OK = new Set([
  '研究研究', '讨论讨论', '商量商量', '考虑考虑', '学习学习', '休息休息', '活动活动', '了解了解', '打听打听',
  '比较比较', '琢磨琢磨', '收拾收拾', '锻炼锻炼', '熟悉熟悉', '介绍介绍', '交流交流', '整理整理', '检查检查',
  '准备准备', '放松放松', '体验体验', '感受感受', '思考思考', '尝试尝试', '调整调整', '清理清理', '打扫打扫',
  '合计合计', '溜达溜达', '雪白雪白', '通红通红', '冰凉冰凉', '笔直笔直', '碧绿碧绿', '火热火热', '漆黑漆黑',
  '滚烫滚烫', '乌黑乌黑', '哗啦哗啦', '滴答滴答', '叮咚叮咚', '扑通扑通', '轰隆轰隆', '咕咚咕咚',
]);

/** Four-character idioms and set phrases that contain a doubled character on purpose. */
const IDIOMS = ['不了了之', '小时了了', '了了分明', '的的确确', '是是非非', '口口声声'];


interface Doubled {
  col: number;
  unit: string;
}

const NO_DOUBLED: Doubled[] = [];

/** codes[base + from, base + to) as a string, anything not Han as a space. */
function textOf(codes: Uint16Array, base: number, from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += codes[base + k] ? String.fromCharCode(codes[base + k]) : ' ';
  return s;
}

/** The idiom w stands at column at of the line: all its characters (Han) are there. */
function idiomAt(codes: Uint16Array, base: number, n: number, w: string, at: number): boolean {
  if (at < 0 || at + w.length > n) return false;
  for (let k = 0; k < w.length; k++) if (codes[base + at + k] !== w.charCodeAt(k)) return false;
  return true;
}

/**
 * The doubled words of lines [lo, hi) into out[lo..hi), from the offsets (from `cs`) where a sweep of codes saw
 * one may start: each is tried in order, and one found skips the offsets inside it.
 */
function findDoubledLines(lines: Line[], codes: Uint16Array, cs: number, doubles: number[], lo: number, hi: number, out: Doubled[][]): void {
  for (let li = lo; li < hi; li++) out[li] = NO_DOUBLED;
  if (lo >= hi) return;
  let li = lo;
  let next = 0; // the first column not inside the line's last doubled word
  for (let k = 0; k < doubles.length; k++) {
    const off = doubles[k] + cs;
    if (off < lines[lo].start) continue;
    while (li < hi && off >= lines[li].start + lines[li].text.length) {
      li++;
      next = 0;
    }
    if (li >= hi) break;
    const l = lines[li];
    const col = off - l.start;
    if (col < next) continue;
    const hit = doubledAt(codes, l.start - cs, l.text.length, col);
    if (!hit) continue;
    if (out[li] === NO_DOUBLED) out[li] = [];
    out[li].push(hit);
    next = col + hit.unit.length; // a tripled word gives a second finding for the third copy
  }
}

/** The doubled word starting at column i, if any (the character there is Han). */
function doubledAt(codes: Uint16Array, base: number, n: number, i: number): Doubled | undefined {
  const c = codes[base + i];
  let hit: Doubled | undefined;
  // One character: only the closed list, with its exceptions.
  if (i + 1 < n && codes[base + i + 1] === c) {
    const ch = String.fromCharCode(c);
    if (SINGLE.has(ch)) {
      const before = textOf(codes, base, Math.max(0, i - 3), i);
      const after = textOf(codes, base, i + 2, Math.min(n, i + 6));
      const han = (k: number) => k >= 0 && k < n && codes[base + k] !== 0;
      const aabb = (han(i - 2) && codes[base + i - 2] === codes[base + i - 1]) || (han(i + 3) && codes[base + i + 2] === codes[base + i + 3]);
      const idiom = IDIOMS.some((w) => {
        for (let k = w.indexOf(ch + ch); k >= 0; k = w.indexOf(ch + ch, k + 1)) if (i - k >= 0 && idiomAt(codes, base, n, w, i - k)) return true;
        return false;
      });
      const exception = aabb || idiom || SECOND_STARTS_WORD[ch]?.test(after) || FIRST_ENDS_WORD[ch]?.test(before);
      if (!exception) hit = { col: i, unit: ch };
    }
  }
  // Two to four characters: ABAB, ABCABC, ABCDABCD.
  for (let L = 2; !hit && L <= 4; L++) {
    const end = i + 2 * L; // exclusive
    if (end > n || codes[base + end - 1] === 0) break;
    let same = true;
    for (let k = 0; k < L && same; k++) same = codes[base + i + k] === codes[base + i + L + k];
    if (!same) continue;
    let allHan = true;
    for (let k = i; k < end; k++) if (codes[base + k] === 0) allHan = false;
    if (!allHan) break; // and no longer unit can be all Han either
    let one = true;
    for (let k = 1; k < L; k++) if (codes[base + i + k] !== c) one = false;
    if (one) continue; // 哈哈哈哈: onomatopoeia
    if (c === 0x4e00) continue; // 一步一步, 一个一个
    const unit = textOf(codes, base, i, i + L);
    if (L === 2 && ABAB_OK.has(unit + unit)) continue;
    hit = { col: i, unit };
  }
  return hit;
}

/** Doubled words in one line's prose, in order. Exported for tests. */
export function findDoubled(s: string): Doubled[] {
  const codes = new Uint16Array(s.length + PAD);
  for (let k = 0; k < s.length; k++) codes[k] = s.charCodeAt(k);
  sweep(codes, s.length, GRAM, undefined, []);
  const out: Doubled[] = [];
  let i = 0;
  while (i < s.length) {
    const hit = codes[i] ? doubledAt(codes, 0, s.length, i) : undefined;
    if (hit) {
      out.push(hit);
      i += hit.unit.length;
    } else i++;
  }
  return out;
}

// ---------------------------------------------------------------- what is kept between checks

/**
 * What a check of a document leaves for the next check of the same document (by URI), while the per-line
 * caches are on: the model's lines (prose, line break, start) and their blanked columns, what was found per
 * line — its repeats (after the 排比 filter) and its doubled words — and the topic-term dictionary with its
 * phrases' counts per quarter. The next check compares its lines with these: the unchanged lines at the start
 * and at the end keep what they had (a line's doubled words depend only on the line; its repeats only on the
 * line and the lines within `window` characters before it, so the first unchanged lines after an edit are
 * scanned again too). Only the lines in between are scanned, however long the document. A few documents are
 * kept (PerDocument); a check takes its document's state out while it runs, so a failure leaves none behind.
 */
interface DocState {
  lines: Line[];
  blanks: Blanks;
  window: number;
  repeats?: Repeat[][];
  doubled?: Doubled[][];
  occ?: Occurrences;
}

/**
 * How many occurrences of each of the dictionary's phrases fall in each quarter of the document: brought up to
 * date with each version by taking out the changed lines' occurrences (found again on the previous version's
 * lines) and putting in the new lines', and moving the occurrences of the few lines near a quarter's edge —
 * not by counting every occurrence in the document again. Nothing is kept per line: a 10 MB document has a
 * million occurrences.
 */
interface Occurrences {
  dict: PhraseDict;
  /** [phrase * 4 + quarter]: occurrences of the phrase in that quarter. */
  quarters: Int32Array;
  /** The length of the text the quarters were taken on. */
  length: number;
}

/** The quarter of the document an offset falls in, as topic terms count them. */
const quarterIndex = (offset: number, length: number) => Math.min(3, Math.floor((offset * 4) / Math.max(1, length)));

/** Adds (sign 1) or takes out (-1) a line's occurrences, the line starting at `start` in a text of `length`. */
function tally(occ: Occurrences, hits: number[], start: number, length: number, sign: number): void {
  const q = occ.quarters;
  for (let k = 0; k < hits.length; k += 2) q[hits[k + 1] * 4 + quarterIndex(start + hits[k], length)] += sign;
}

/** Room in occ.quarters for every phrase of the dictionary. */
function fit(occ: Occurrences): void {
  if (occ.quarters.length >= occ.dict.size * 4) return;
  const q = new Int32Array(Math.max(64, occ.dict.size * 8));
  q.set(occ.quarters);
  occ.quarters = q;
}

const NO_HITS: number[] = [];
const states = new PerDocument<DocState>();
/** More new phrases than this at once are counted by scanning every line again rather than one by one. */
const MAX_NEW_PHRASES = 32;

/** Forgets everything kept between checks (tests compare a warm, cached run with a cold one). */
export function resetRepeatCaches(): void {
  states.clear();
}

/** Drops what was kept for one document (it was closed). */
export function forgetRepeatState(uri: string): void {
  states.delete(uri);
}

/**
 * The previous version's per-line array turned into this version's, in place: the lines [0, p) and [mEnd, n)
 * keep their entries (old line i + shift for the end), those in between are left empty for the caller.
 */
function carry<T>(old: T[], n: number, p: number, mEnd: number, shift: number): T[] {
  const oldMid = mEnd + shift - p;
  const newMid = mEnd - p;
  if (oldMid !== newMid) {
    if (newMid > 4096 || oldMid - newMid > 4096) {
      // (A splice with that many arguments would overflow the stack; a copy is as cheap then.)
      const out = new Array<T>(n);
      for (let i = 0; i < p; i++) out[i] = old[i];
      for (let i = mEnd; i < n; i++) out[i] = old[i + shift];
      return out;
    }
    old.splice(p, oldMid, ...new Array<T>(newMid));
  }
  return old;
}

function check(ctx: RuleContext): Finding[] {
  const { doc, options } = ctx;
  const { lines } = doc;
  const n = lines.length;
  const rules = options.rules ?? {};
  const wantNearby = rules['repeat-nearby'] !== 'off';
  const wantSuccessive = rules['repeat-successive'] !== 'off';
  const window = Math.max(GRAM, Math.floor(Number(options.repeatWindow) || 100));
  const blanks = blankedColumns(doc);
  const keep = lineCaches.enabled;
  // Taken out while this check runs: it reuses the previous state's arrays in place.
  const prev = keep ? states.get(doc.uri) : undefined;
  if (prev) states.delete(doc.uri);

  // The lines unchanged since the previous check: [0, p) at the start, [mEnd, n) at the end (old line
  // i + shift). The model hands over unchanged lines' strings, so comparing them is mostly comparing pointers.
  let p = 0;
  let s = 0;
  const n0 = prev ? prev.lines.length : 0;
  if (prev) {
    const old = prev.lines;
    const same = (i: number, j: number) => lines[i].prose === old[j].prose && lines[i].eol === old[j].eol && sameCols(blanks, i, prev.blanks, j);
    const m = Math.min(n, n0);
    while (p < m && same(p, p)) p++;
    while (s < m - p && same(n - 1 - s, n0 - 1 - s)) s++;
  }
  const mEnd = n - s;
  const shift = n0 - n;

  // What to scan: the changed lines, the lines whose window reaches into them, everything without a previous
  // check.
  const repeatsKept = wantNearby && prev?.repeats && prev.window === window ? prev.repeats : undefined;
  let rLo = 0;
  let rHi = n;
  if (repeatsKept) {
    rLo = p;
    rHi = mEnd;
    if (mEnd < n) {
      const edge = lines[mEnd].start;
      while (rHi < n && lines[rHi].start - window < edge) rHi++;
    }
  }
  const doubledKept = wantSuccessive ? prev?.doubled : undefined;
  const dLo = doubledKept ? p : 0;
  const dHi = doubledKept ? mEnd : n;
  const occKept = wantNearby ? prev?.occ : undefined;

  // The scanned text of the lines to scan, from `window` characters before the first of them (codes[k] is
  // document offset cs + k), swept once: the pairs of repeated phrases and where doubled words may start.
  let codes: Uint16Array = new Uint16Array(PAD);
  let cs = 0;
  let ce = -1;
  const pairs: number[] = [];
  let doubles: number[] = [];
  const cover = (lo: number, hi: number, withPairs: boolean) => {
    const from = Math.max(0, lines[lo].start - window);
    const to = lines[hi - 1].start + lines[hi - 1].text.length;
    if (from < cs || to > ce) {
      codes = rawCodes(doc, blanks, from, to);
      cs = from;
      ce = to;
      doubles = [];
      sweep(codes, to - from, window, withPairs ? pairs : undefined, doubles);
    }
  };
  {
    let lo = n;
    let hi = 0;
    if (wantNearby && rLo < rHi) (lo = Math.min(lo, rLo)), (hi = Math.max(hi, rHi));
    if (wantSuccessive && dLo < dHi) (lo = Math.min(lo, dLo)), (hi = Math.max(hi, dHi));
    if (occKept && p < mEnd) (lo = Math.min(lo, p)), (hi = Math.max(hi, mEnd));
    if (lo < hi) cover(lo, hi, wantNearby && rLo < rHi);
  }

  const out: Finding[] = [];
  let repeats: Repeat[][] | undefined;
  let occ: Occurrences | undefined;
  if (wantNearby) {
    repeats = repeatsKept ? carry(repeatsKept, n, p, mEnd, shift) : new Array<Repeat[]>(n);
    if (rLo < rHi) findRepeats(lines, blanks, pairs, cs, rLo, rHi, repeats);
    if (occKept) {
      // Take out the changed lines' occurrences, move those whose quarter moved, put in the new lines'.
      occ = occKept;
      const old = prev!.lines;
      const oldLength = occ.length;
      const length = doc.text.length;
      for (let j = p; j < n0 - s; j++) tally(occ, hitsOfLine(occ.dict, old[j], prev!.blanks, j), old[j].start, oldLength, -1);
      const delta = length - oldLength;
      const moved = new Set<number>();
      for (let k = 1; k <= 3; k++) {
        const was = Math.ceil((k * Math.max(1, oldLength)) / 4);
        const is = Math.ceil((k * Math.max(1, length)) / 4);
        // A line at the start kept its offsets, one at the end moved by delta; either may have crossed the
        // edge (a few characters of slack against rounding).
        for (const [lo, hi, from, to] of [
          [Math.min(was, is) - 2, Math.max(was, is) + 2, 0, p],
          [Math.min(was + delta, is) - 2, Math.max(was + delta, is) + 2, mEnd, n],
        ]) {
          for (let li = Math.max(from, lineAt(lines, Math.max(0, lo))); li < to && lines[li].start <= hi; li++) {
            if (moved.has(li) || lines[li].start + lines[li].text.length < lo) continue;
            moved.add(li);
            const hits = hitsOfLine(occ.dict, lines[li], blanks, li);
            tally(occ, hits, li < p ? lines[li].start : lines[li].start - delta, oldLength, -1);
            tally(occ, hits, lines[li].start, length, 1);
          }
        }
      }
      for (let li = p; li < mEnd; li++) tally(occ, lineHits(occ.dict, codes, cs, lines[li]), lines[li].start, length, 1);
      occ.length = length;
    }
    const r = nearby(ctx, repeats, blanks, occ, () => {
      cover(0, n, false);
      return { codes, cs };
    });
    out.push(...r.findings);
    occ = r.occ;
  }
  let doubled: Doubled[][] | undefined;
  if (wantSuccessive) {
    doubled = doubledKept ? carry(doubledKept, n, p, mEnd, shift) : new Array<Doubled[]>(n);
    findDoubledLines(lines, codes, cs, doubles, dLo, dHi, doubled);
    out.push(...successive(ctx, doubled));
  }
  if (keep) {
    states.set(doc.uri, { lines, blanks, window, repeats, doubled, occ });
  }
  return out;
}

/** Occurrences of the dictionary's phrases in line li read on its own (prose and blanked columns). */
function hitsOfLine(dict: PhraseDict, line: Line, blanks: Blanks, li: number): number[] {
  const p = line.prose;
  const codes = new Uint16Array(p.length + PAD);
  for (let k = 0; k < p.length; k++) codes[k] = p.charCodeAt(k);
  for (let j = blanks.at[li]; j < blanks.at[li + 1]; j += 2) codes.fill(0, blanks.cols[j], blanks.cols[j + 1]);
  sweep(codes, p.length, GRAM, undefined, []);
  const found: number[] = [];
  dict.scan(codes, 0, p.length, 0, found);
  return found;
}

/** Occurrences of the dictionary's phrases in one line: (column, phrase number, …). */
function lineHits(dict: PhraseDict, codes: Uint16Array, cs: number, line: Line): number[] {
  const from = line.start - cs;
  const found: number[] = [];
  dict.scan(codes, from, from + line.text.length, from, found);
  return found.length ? found : NO_HITS;
}

interface Candidate {
  line: number;
  r: Repeat;
  id: number;
}

function nearby(
  ctx: RuleContext,
  repeats: Repeat[][],
  blanks: Blanks,
  kept: Occurrences | undefined,
  allCodes: () => { codes: Uint16Array; cs: number },
): { findings: Finding[]; occ?: Occurrences } {
  const { t, doc } = ctx;
  const { lines } = doc;
  const n = lines.length;
  const allow = ctx.options.allow ?? [];
  const cands: Candidate[] = [];
  const outside = new Int8Array(n); // outsideBody per line: 1 yes, -1 no, 0 not asked yet
  const outsideAt = (line: number) => (outside[line] || (outside[line] = outsideBody(doc, line) ? 1 : -1)) > 0;
  for (let li = 0; li < n; li++) {
    const list = repeats[li];
    for (let k = 0; k < list.length; k++) {
      const r = list[k];
      const a = li - r.back;
      if (inTitle(doc, a, r.firstCol, r.len) || inTitle(doc, li, r.col, r.len)) continue;
      // 标题, 题注, 署名, 抄送 and the like repeat names by their format (会议名称 in a 决议's title, date line and
      // first sentence): only repeats inside the 正文 count.
      if (outsideAt(a) || outsideAt(li)) continue;
      if (allowed(r.text, allow)) continue;
      cands.push({ line: li, r, id: -1 });
    }
  }
  if (!cands.length) return { findings: [], occ: kept };

  // Topic terms: the candidates' phrases and their 4-grams that occur at least 4 times, in at least 3 of the
  // document's quarters. The occurrences kept from the last check cover the dictionary's phrases; phrases new
  // to it are looked for with indexOf over the text (a few) or by scanning every line again (many, or a
  // dictionary grown four times larger than what is wanted now).
  let dict = kept?.dict ?? new PhraseDict();
  let occ = kept;
  const known = dict.size;
  const resolve = () => {
    for (let k = 0; k < cands.length; k++) {
      const c = cands[k];
      const { r } = c;
      if (r.dict !== dict) {
        r.id = dict.id(r.text);
        r.dict = dict;
        dict.gramsOf(r.id);
      }
      c.id = r.id;
    }
  };
  resolve();
  const wanted = new Uint8Array(dict.size);
  let wantedCount = 0;
  const want = (id: number) => {
    if (!wanted[id]) (wanted[id] = 1), wantedCount++;
  };
  for (let k = 0; k < cands.length; k++) {
    const id = cands[k].id;
    want(id);
    const grams = dict.gramsOf(id);
    for (let g = 0; g < grams.length; g++) want(grams[g]);
  }
  if (kept && dict.size > 4 * wantedCount + 256) {
    dict = new PhraseDict();
    occ = undefined;
    resolve();
  }
  const topic = new Uint8Array(dict.size);
  const length = doc.text.length;
  if (!lineCaches.enabled) {
    // One check and done: count over the whole text at once.
    const { codes, cs } = allCodes();
    const count = new Int32Array(dict.size);
    const quarters = new Uint8Array(dict.size);
    dict.count(codes, 0, length - cs, -cs, length, count, quarters);
    for (let id = 0; id < dict.size; id++) if (isTopic(count[id], quarters[id])) topic[id] = 1;
  } else {
    if (!occ || dict.size - known > MAX_NEW_PHRASES) {
      const { codes, cs } = allCodes();
      occ = { dict, quarters: new Int32Array(Math.max(64, dict.size * 8)), length };
      const found: number[] = [];
      dict.scan(codes, 0, length - cs, -cs, found);
      tally(occ, found, 0, length, 1);
    } else {
      fit(occ);
      // A phrase of Chinese characters never spans a line break, and a line's prose is its text with what is
      // not prose blanked: each occurrence in the scanned text is one in the document text, in the line's prose,
      // clear of the blanked columns.
      for (let id = known; id < dict.size; id++) {
        const p = dict.texts[id];
        for (let at = doc.text.indexOf(p); at >= 0; at = doc.text.indexOf(p, at + 1)) {
          const li = lineAt(lines, at);
          const col = at - lines[li].start;
          if (!lines[li].prose.startsWith(p, col)) continue;
          let clear = true;
          for (let j = blanks.at[li]; j < blanks.at[li + 1] && clear; j += 2) clear = blanks.cols[j + 1] <= col || blanks.cols[j] >= col + p.length;
          if (!clear) continue;
          occ.quarters[id * 4 + quarterIndex(at, length)]++;
        }
      }
    }
    const q = occ.quarters;
    for (let id = 0; id < dict.size; id++) {
      const k = id * 4;
      const bits = (q[k] > 0 ? 1 : 0) | (q[k + 1] > 0 ? 2 : 0) | (q[k + 2] > 0 ? 4 : 0) | (q[k + 3] > 0 ? 8 : 0);
      if (isTopic(q[k] + q[k + 1] + q[k + 2] + q[k + 3], bits)) topic[id] = 1;
    }
  }

  const findings: Finding[] = [];
  const mostly = new Int8Array(dict.size); // 1: mostly topic, -1: not, 0: not known yet
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k];
    if (mostly[c.id] === 0) mostly[c.id] = mostlyTopic(dict, c.id, topic) ? 1 : -1;
    if (mostly[c.id] > 0) continue;
    const { r } = c;
    const a = c.line - r.back;
    const dist = lines[c.line].start + r.col - (lines[a].start + r.firstCol);
    findings.push(finding({
      code: 'repeat-nearby',
      severity: 'information',
      range: doc.range(c.line, r.col, r.col + r.len),
      message: t(
        `“${r.text}”在 ${dist} 字之内重复出现（上一处在第 ${a + 1} 行）。相邻的句子用同一说法显得啰嗦（${PRACTICE}）。合并两处，或把这一处改为指代、换成更具体的说法。`,
        `"${r.text}" repeats within ${dist} characters (first on line ${a + 1}). Saying the same thing twice in a row reads as padding (${PRACTICE_EN}). Merge the two, refer back, or say something more specific here.`,
      ),
      related: [{ range: doc.range(a, r.firstCol, r.firstCol + r.len), message: t('上一处', 'previous occurrence') }],
    }));
  }
  return { findings, occ };
}

function successive(ctx: RuleContext, doubled: Doubled[][]): Finding[] {
  const { t, doc } = ctx;
  const out: Finding[] = [];
  const allow = ctx.options.allow ?? [];
  for (let li = 0; li < doubled.length; li++) {
    const list = doubled[li];
    for (let k = 0; k < list.length; k++) {
      const d = list[k];
      const twice = d.unit + d.unit;
      if (allow.some((a) => typeof a === 'string' && a.includes(twice))) continue;
      const start = d.col + d.unit.length;
      const range = doc.range(li, start, start + d.unit.length);
      out.push(finding({
        code: 'repeat-successive',
        severity: 'warning',
        range,
        message: t(
          `“${twice}”：“${d.unit}”连写了两次，疑为误输入（${PRACTICE}）。删去重复的“${d.unit}”；若是有意的叠用，可忽略此提示。`,
          `"${twice}": "${d.unit}" is written twice in a row, most likely a typing slip (${PRACTICE_EN}). Delete the second "${d.unit}"; ignore this if the doubling is intended.`,
        ),
        fixes: [{ title: t(`删去重复的“${d.unit}”`, `Delete the repeated "${d.unit}"`), edits: [{ range, newText: '' }], preferred: true }],
        related: [{ range: doc.range(li, d.col, d.col + d.unit.length), message: t('第一次', 'first copy') }],
      }));
    }
  }
  return out;
}

export const repeatRules: RuleFamily = {
  name: 'repeat',
  codes: [
    {
      code: 'repeat-nearby',
      severity: 'information',
      zh: '同一个四字以上的说法在短距离内（默认 100 字）重复出现；排比、主题词和序次语除外',
      en: 'The same phrase of 4+ Chinese characters twice within a short span (default 100 characters); parallel structures, topic terms and ordinals excepted',
    },
    {
      code: 'repeat-successive',
      severity: 'warning',
      zh: '误叠的词（的的、了了、我们我们），正常的叠词（常常、看看、的的确确）除外',
      en: 'An accidentally doubled word (的的, 了了, 我们我们), legitimate reduplication (常常, 看看, 的的确确) excepted',
    },
  ],
  check,
};
