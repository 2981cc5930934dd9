// Recognises GB/T 9704-2012 7.3.3 outline markers at the start of a line:
// level 1 一、  level 2 （一）  level 3 1.  level 4 （1）  level 5 ① (practice).
import { isSpace } from './chars';
import { circledValue, parseChineseNumeral } from './numerals';

export type MarkerKind = 'cn' | 'paren-cn' | 'arabic' | 'paren-arabic' | 'circled';

export const LEVEL_OF_KIND: Record<MarkerKind, number> = {
  cn: 1,
  'paren-cn': 2,
  arabic: 3,
  'paren-arabic': 4,
  circled: 5,
};

/** Columns are UTF-16 offsets inside the line. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * An outline marker. A 10 MB document has ~45,000: each keeps its columns as numbers and a reference to its
 * line's prose (a string the model holds anyway); the spans and the title are cut from that prose when asked
 * for (a span object and a string per part made at parse time were ~9 MB of such a document's model).
 * Markers are never changed after parsing.
 */
export class OutlineMarker {
  // Declared, not defined: the constructor gives every field its value once (class field definitions would
  // first define each as undefined).
  declare readonly line: number;
  declare readonly kind: MarkerKind;
  declare readonly level: number;
  declare readonly value: number;
  /** The whole marker, from the opening bracket or numeral to the mark after it. */
  declare readonly start: number;
  declare readonly end: number;
  /** @internal Where the numeral ends. */
  declare readonly numeralEnd: number;
  /** The item's title: from after the marker to the first 。 or the line end. */
  declare readonly titleStart: number;
  declare readonly titleEnd: number;
  /** The heading hashes of a Markdown heading, when the marker sits in one. */
  declare readonly heading: number | undefined;
  /** @internal The prose of the marker's line. */
  declare readonly prose: string;

  constructor(line: number, kind: MarkerKind, value: number, start: number, end: number, numeralEnd: number, titleStart: number, titleEnd: number, heading: number | undefined, prose: string) {
    this.line = line;
    this.kind = kind;
    this.level = LEVEL_OF_KIND[kind];
    this.value = value;
    this.start = start;
    this.end = end;
    this.numeralEnd = numeralEnd;
    this.titleStart = titleStart;
    this.titleEnd = titleEnd;
    this.heading = heading;
    this.prose = prose;
  }

  /** Whether the numeral sits in brackets. */
  private get paren(): boolean {
    return this.kind === 'paren-cn' || this.kind === 'paren-arabic';
  }

  get numeral(): Span {
    const start = this.paren ? this.start + 1 : this.start;
    return { start, end: this.numeralEnd, text: this.prose.slice(start, this.numeralEnd) };
  }

  get open(): Span | undefined {
    const at = this.openCol;
    return at < 0 ? undefined : this.charSpan(at);
  }

  get close(): Span | undefined {
    const at = this.closeCol;
    return at < 0 ? undefined : this.charSpan(at);
  }

  /** The mark after the numeral (or after the closing bracket); absent for paren and circled kinds when right. */
  get punct(): Span | undefined {
    const at = this.punctCol;
    return at < 0 ? undefined : this.charSpan(at);
  }

  /** The column of `punct`, or -1: for checks that look at every marker's mark and need its span only when it is wrong. */
  get punctCol(): number {
    if (this.kind === 'cn' || this.kind === 'arabic') return this.numeralEnd;
    return this.paren && this.end === this.numeralEnd + 2 ? this.numeralEnd + 1 : -1;
  }

  /** The columns of `open` and `close`, or -1 without brackets. */
  get openCol(): number {
    return this.paren ? this.start : -1;
  }

  get closeCol(): number {
    return this.paren ? this.numeralEnd : -1;
  }

  get title(): string {
    return this.prose.slice(this.titleStart, this.titleEnd);
  }

  private charSpan(at: number): Span {
    return { start: at, end: at + 1, text: this.prose[at] };
  }
}

const MD_PREFIX = /^(#{1,6})[ \t]+/;
const MD_EMPHASIS = /^(\*\*|__)/;
// The patterns below are tried only where a marker's first characters were read by character code: on a
// 1 MB document they run for a few dozen lines, where patterns on every candidate line (~4,500 in such a
// document, with a copy of the line's rest and a match object for each) cost as much as ~5% of a check.
/** 一、二等奖, 一、二、三类: an enumeration of numerals, not a marker (tried after the 、). */
const CN_ENUMERATION = /[一二三四五六七八九十]+(、[一二三四五六七八九十]+)*[等类级档批期种]/y;
/** 一.5, 二，三, 一，第二, 一.其次: numbers and 序次语 after a wrong mark make text, not a marker. */
const STARTS_NUMBER_WORD = /[0-9一二三四五六七八九十]|[第其][一二三四五六七八九十]|首先|其次|再次|最后|另一方面/y;

/** The characters of a Chinese numeral in a marker: 一…十, 百, 零, 〇. */
const CN_NUMERAL = new Set([...'一二三四五六七八九十百零〇'].map((ch) => ch.charCodeAt(0)));
/** Marks that may follow a level-1 numeral (only 、 is right); a space counts when text follows it. */
const CN_MARKS = new Set([...'、.．，,：:。'].map((ch) => ch.charCodeAt(0)));
/** Marks that may follow a level-3 number (. is right, ． accepted). */
const ARABIC_MARKS = new Set([...'.．、，,：:)）'].map((ch) => ch.charCodeAt(0)));
/** Marks wrongly written after a closing bracket. */
const AFTER_PAREN_MARKS = new Set([...'、.．，,：:'].map((ch) => ch.charCodeAt(0)));
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isFullWidthDigit = (c: number) => c >= 0xff10 && c <= 0xff19;

/** Whether a marker may start with this character: ① to ㊿, a bracket, a Chinese numeral or an ASCII digit. */
function mayStartMarker(c: number): boolean {
  return isDigit(c) || c === 0xff08 || c === 0x28 || CN_NUMERAL.has(c) || circledValue(c) !== undefined; // （ (
}
const isIndent = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;

/**
 * parseMarker, with the lines that cannot hold a marker refused by their first character at once (no copy of
 * the line, no pattern). While someone types, GwDocument asks only for the edited lines.
 */
export function markerOf(prose: string, line: number, markdown: boolean): OutlineMarker | undefined {
  let i = 0;
  while (i < prose.length && isIndent(prose.charCodeAt(i))) i++;
  const c = prose.charCodeAt(i);
  if (!(markdown && (c === 0x23 || c === 0x2a || c === 0x5f)) && !mayStartMarker(c)) return undefined; // # * _
  return parseMarker(prose, line, markdown);
}

/** The same marker on another line. */
export function atLine(m: OutlineMarker, line: number): OutlineMarker {
  return new OutlineMarker(line, m.kind, m.value, m.start, m.end, m.numeralEnd, m.titleStart, m.titleEnd, m.heading, m.prose);
}

export function parseMarker(prose: string, line: number, markdown: boolean): OutlineMarker | undefined {
  let i = 0;
  while (i < prose.length && isIndent(prose.charCodeAt(i))) i++;
  let heading: number | undefined;
  if (markdown) {
    const h = MD_PREFIX.exec(prose.slice(i));
    if (h) {
      heading = h[1].length;
      i += h[0].length;
    }
    const e = MD_EMPHASIS.exec(prose.slice(i));
    if (e) i += e[0].length;
  }
  if (i >= prose.length) return undefined;
  const m = parseAt(prose, i);
  if (!m) return undefined;
  // Title: skip the closing emphasis (** or __) and spaces, stop at the first 。 (white space before it trimmed).
  let t = m.end;
  const e = prose.charCodeAt(t);
  if ((e === 0x2a || e === 0x5f) && prose.charCodeAt(t + 1) === e) t += 2;
  for (let c = prose.charCodeAt(t); c === 0x20 || c === 0x09 || c === 0x3000; c = prose.charCodeAt(++t));
  let end = prose.indexOf('。', t);
  if (end < 0) end = prose.length;
  while (end > t && isSpace(prose.charCodeAt(end - 1))) end--;
  if (markdown) end = t + prose.slice(t, end).replace(/(\*\*|__|\s#+)$/, '').replace(/[\s\u3000]+$/, '').length;
  return new OutlineMarker(line, m.kind, m.value, i, m.end, m.numeralEnd, t, end, heading, prose);
}

/** What parseAt read: the marker's kind, number, and where its numeral and the marker end. */
interface Parsed {
  kind: MarkerKind;
  value: number;
  numeralEnd: number;
  end: number;
}

/** How many characters of a Chinese numeral `s` has from `from` on. */
function cnRun(s: string, from: number): number {
  let j = from;
  while (j < s.length && CN_NUMERAL.has(s.charCodeAt(j))) j++;
  return j - from;
}

/** Reads a marker at column `at` of its line's prose `s` (`at` < s.length). */
function parseAt(s: string, at: number): Parsed | undefined {
  const first = s.charCodeAt(at);
  // Level 5: circled numbers.
  const circled = circledValue(first);
  if (circled !== undefined) return { kind: 'circled', value: circled, numeralEnd: at + 1, end: at + 1 };
  // Levels 2 and 4: a numeral in brackets, full- or half-width: a Chinese numeral, or one or two digits.
  if (first === 0xff08 || first === 0x28) {
    const from = at + 1;
    let len = cnRun(s, from);
    let kind: MarkerKind = 'paren-cn';
    let value: number | undefined;
    if (len) value = parseChineseNumeral(s.slice(from, from + len));
    else {
      kind = 'paren-arabic';
      while (len < 2 && isDigit(s.charCodeAt(from + len))) len++;
      value = len === 0 ? undefined : len === 1 ? s.charCodeAt(from) - 0x30 : (s.charCodeAt(from) - 0x30) * 10 + s.charCodeAt(from + 1) - 0x30;
    }
    if (!value) return undefined; // none, malformed, or 0
    const nEnd = from + len;
    const closeCh = s.charCodeAt(nEnd);
    if (closeCh !== 0xff09 && closeCh !== 0x29) return undefined; // ） )
    const mark = AFTER_PAREN_MARKS.has(s.charCodeAt(nEnd + 1));
    // （1）、 is a wrong mark, but （1）.5 or (1),(2) inside text are not markers at all.
    if (mark && isDigit(s.charCodeAt(nEnd + 2))) return undefined;
    return { kind, value, numeralEnd: nEnd, end: nEnd + 1 + (mark ? 1 : 0) };
  }
  // Level 1: a Chinese numeral and a mark.
  const cn = cnRun(s, at);
  if (cn) {
    const value = parseChineseNumeral(s.slice(at, at + cn));
    if (value === undefined) return undefined;
    const nEnd = at + cn;
    const mark = s.charCodeAt(nEnd);
    const tail = nEnd + 1;
    // A space is a (wrong) mark unless white space follows it; like every wrong mark, it needs text after it.
    if (!CN_MARKS.has(mark) && !((mark === 0x20 || mark === 0x3000) && !isSpace(s.charCodeAt(tail)))) return undefined;
    if (mark === 0x3001) {
      // 、
      CN_ENUMERATION.lastIndex = tail;
      if (CN_ENUMERATION.test(s)) return undefined;
    } else {
      // 一.5 or 二，三 are not markers; a wrong mark needs text after it.
      STARTS_NUMBER_WORD.lastIndex = tail;
      if (tail >= s.length || STARTS_NUMBER_WORD.test(s)) return undefined;
    }
    return { kind: 'cn', value, numeralEnd: nEnd, end: nEnd + 1 };
  }
  // Level 3: an Arabic number of one or two digits, and a mark.
  let digits = 0;
  while (isDigit(s.charCodeAt(at + digits))) digits++;
  if (digits === 0 || digits > 2) return undefined;
  const value = digits === 1 ? first - 0x30 : (first - 0x30) * 10 + s.charCodeAt(at + 1) - 0x30;
  if (value === 0) return undefined;
  const nEnd = at + digits;
  const mark = s.charCodeAt(nEnd);
  if (!ARABIC_MARKS.has(mark)) return undefined;
  // 1.5亿元, 2.17, 1、2月, 3，4 are numbers in text.
  const next = s.charCodeAt(nEnd + 1);
  if (isDigit(next) || isFullWidthDigit(next)) return undefined;
  if (mark !== 0x2e && mark !== 0xff0e) {
    // . ．: any other mark needs text after it.
    let j = nEnd + 1;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    if (j === s.length) return undefined;
  }
  return { kind: 'arabic', value, numeralEnd: nEnd, end: nEnd + 1 };
}

/** The right mark after the numeral for each kind ('' = none). */
export function expectedPunct(kind: MarkerKind): string {
  return kind === 'cn' ? '、' : kind === 'arabic' ? '.' : '';
}
