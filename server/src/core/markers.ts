// Recognises GB/T 9704-2012 7.3.3 outline markers at the start of a line:
// level 1 一、  level 2 （一）  level 3 1.  level 4 （1）  level 5 ① (practice).
import { isSpace } from './chars';
import { parseChineseNumeral, parseCircled } from './numerals';

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
const CN_RUN = /^[一二三四五六七八九十百零〇]+/;
const DIGIT_RUN = /^[0-9]{1,2}(?![0-9])/;
/** Marks that may follow a level-1 numeral (only 、 is right). */
const CN_PUNCT = /^[、.．，,：:。]|^[ \u3000](?=[^\s\u3000])/;
/** Marks that may follow a level-3 number (. is right, ． accepted). */
const ARABIC_PUNCT = /^[.．、，,：:)）]/;
/** Marks wrongly written after a closing bracket. */
const AFTER_PAREN = /^[、.．，,：:]/;
/** 一、二等奖, 一、二、三类: an enumeration of numerals, not a marker. */
const CN_ENUMERATION = /^[一二三四五六七八九十]+(、[一二三四五六七八九十]+)*[等类级档批期种]/;
const PAREN_DIGITS = /^[0-9]{1,2}/;
const STARTS_DIGIT = /^[0-9]/;
const STARTS_ANY_DIGIT = /^[0-9０-９]/;
/** 一.5, 二，三, 一，第二, 一.其次: numbers and 序次语 after a wrong mark make text, not a marker. */
const STARTS_NUMBER_WORD = /^(?:[0-9一二三四五六七八九十]|[第其][一二三四五六七八九十]|首先|其次|再次|最后|另一方面)/;
const ONLY_SPACE = /^[\s\u3000]*$/;
const TITLE_GAP = /(\*\*|__)?[ \t\u3000]*/y;

/** Whether a marker may start with this character: ① to ㊿, a bracket, a Chinese numeral or an ASCII digit. */
function mayStartMarker(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    c === 0xff08 || // （
    c === 0x28 || // (
    CN_FIRST.has(c) ||
    (c >= 0x2460 && c <= 0x2473) ||
    (c >= 0x3251 && c <= 0x325f) ||
    (c >= 0x32b1 && c <= 0x32bf)
  );
}
const CN_FIRST = new Set([...'一二三四五六七八九十百零〇'].map((ch) => ch.charCodeAt(0)));
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
  const rest = prose.slice(i);
  if (!rest) return undefined;
  const m = parseAt(rest, i);
  if (!m) return undefined;
  // Title: skip the closing emphasis and spaces, stop at the first 。 (white space before it trimmed by hand:
  // a pattern ending in $ is tried from every position of the line).
  let t = m.end;
  TITLE_GAP.lastIndex = t;
  const close = TITLE_GAP.exec(prose);
  if (close) t += close[0].length;
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

/** Reads a marker at the start of `rest`, which starts at column `offset` of its line. */
function parseAt(rest: string, offset: number): Parsed | undefined {
  const first = rest[0];
  // Level 5: circled numbers.
  const circled = parseCircled(first);
  if (circled !== undefined) return { kind: 'circled', value: circled, numeralEnd: offset + 1, end: offset + 1 };
  // Levels 2 and 4: a numeral in brackets, full- or half-width.
  if (first === '（' || first === '(') {
    const inner = rest.slice(1);
    let num = CN_RUN.exec(inner);
    let kind: MarkerKind = 'paren-cn';
    let value: number | undefined;
    if (num) value = parseChineseNumeral(num[0]);
    else {
      num = PAREN_DIGITS.exec(inner);
      kind = 'paren-arabic';
      if (num) value = Number(num[0]);
    }
    if (!num || value === undefined || value === 0) return undefined;
    const closeCh = inner[num[0].length];
    if (closeCh !== '）' && closeCh !== ')') return undefined;
    const nEnd = offset + 1 + num[0].length;
    const after = rest.slice(2 + num[0].length);
    const p = AFTER_PAREN.exec(after);
    // （1）、 is a wrong mark, but （1）.5 or (1),(2) inside text are not markers at all.
    if (p && STARTS_DIGIT.test(after.slice(1))) return undefined;
    return { kind, value, numeralEnd: nEnd, end: nEnd + 1 + (p ? 1 : 0) };
  }
  // Level 1: a Chinese numeral and a mark.
  const cn = CN_RUN.exec(rest);
  if (cn) {
    const value = parseChineseNumeral(cn[0]);
    if (value === undefined) return undefined;
    const after = rest.slice(cn[0].length);
    const p = CN_PUNCT.exec(after);
    if (!p) return undefined;
    const tail = after.slice(1);
    if (p[0] === '、' && CN_ENUMERATION.test(tail)) return undefined;
    // 一.5 or 二，三 are not markers; a wrong mark needs text after it.
    if (p[0] !== '、' && (tail === '' || STARTS_NUMBER_WORD.test(tail))) return undefined;
    const nEnd = offset + cn[0].length;
    return { kind: 'cn', value, numeralEnd: nEnd, end: nEnd + 1 };
  }
  // Level 3: an Arabic number and a mark.
  const d = DIGIT_RUN.exec(rest);
  if (d) {
    const value = Number(d[0]);
    if (value === 0) return undefined;
    const after = rest.slice(d[0].length);
    const p = ARABIC_PUNCT.exec(after);
    if (!p) return undefined;
    const tail = after.slice(1);
    // 1.5亿元, 2.17, 1、2月, 3，4 are numbers in text.
    if (STARTS_ANY_DIGIT.test(tail)) return undefined;
    if (p[0] !== '.' && p[0] !== '．' && (tail === '' || ONLY_SPACE.test(tail))) return undefined;
    const nEnd = offset + d[0].length;
    return { kind: 'arabic', value, numeralEnd: nEnd, end: nEnd + 1 };
  }
  return undefined;
}

/** The right mark after the numeral for each kind ('' = none). */
export function expectedPunct(kind: MarkerKind): string {
  return kind === 'cn' ? '、' : kind === 'arabic' ? '.' : '';
}
