// The document model: built once per change, read by every rule. Nothing here re-splits text later.
import { lineCaches } from './cache';
import { isSpace } from './chars';
import { DocElements, findElements, ShapeReuse } from './elements';
import { maskMarkdown } from './markdown';
import { atLine, markerOf, OutlineMarker } from './markers';
import { findSeries, RawItem, Series, seriesUnaffected } from './series-model';
import { DIRECTIVE_MARK, maskDirectives } from './suppress';
import { Position, Range } from './types';

export interface Line {
  index: number;
  /** Offset of the line's first character in the document text. */
  start: number;
  /** The line as written, without its line break. */
  text: string;
  /** The same length as text; what is not prose (a BOM, Markdown code, comments, link targets) is blanked. */
  prose: string;
  eol: '' | '\n' | '\r\n' | '\r';
  blank: boolean;
}

export interface Paragraph {
  startLine: number;
  endLine: number;
}

/** The children of a leaf: one shared empty list (a 10 MB document has ~30,000 leaves). Never written to. */
const NO_CHILDREN: OutlineNode[] = Object.freeze([]) as unknown as OutlineNode[];

/** An item of the outline: its marker and its place in the tree. */
export class OutlineNode {
  declare readonly marker: OutlineMarker;
  /** Last line of the item's section (before the next item of the same or a higher level). */
  declare endLine: number;
  declare parent: OutlineNode | undefined;
  declare children: OutlineNode[];

  constructor(marker: OutlineMarker, parent: OutlineNode | undefined) {
    this.marker = marker;
    this.endLine = marker.line;
    this.parent = parent;
    this.children = NO_CHILDREN;
  }

  // The marker's, read through it (two fields less per node: a 10 MB document has ~45,000 nodes).
  get level(): number {
    return this.marker.level;
  }

  get line(): number {
    return this.marker.line;
  }
}

export type DocFormat = 'plaintext' | 'markdown';

export class GwDocument {
  readonly lines: Line[];
  readonly markers: OutlineMarker[];
  /** Top-level outline items (their parent is the document). */
  readonly outline: OutlineNode[];
  /** Every outline node in document order. */
  readonly nodes: OutlineNode[];
  readonly series: Series[];
  /**
   * @internal A token that stays the same object from one version to the next while the markers stay alike
   * (same lines, kinds, values, columns and text up to their titles; as many lines): the outline check keeps
   * its findings with it.
   */
  readonly outlineShape: object;
  /** The outline marker of each line (after the filters), by line index. */
  private markerByLine: (OutlineMarker | undefined)[];
  private cachedParagraphs?: Paragraph[];
  private cachedElements?: DocElements;
  /** The previous version's line shapes for findElements, until the elements are found. */
  private shapeSeed?: ShapeReuse;
  /**
   * @internal Per line: the marker its prose reads as, before the 附件说明 and Markdown-list filters (for the
   * next version). Empty when the model was made with the per-line caches off.
   */
  readonly lineMarkers: (OutlineMarker | undefined)[];
  /**
   * @internal Per line: its 序次语 from the column after its marker, and that column (for the next version).
   * Empty when the model was made with the per-line caches off.
   */
  readonly lineItems: (RawItem[] | undefined)[];
  readonly lineItemsFrom: Int32Array;

  /**
   * `previous`, an earlier version of the same document (the language server passes the last one it
   * analysed), lets the model take over the unchanged lines' strings instead of cutting them from the text
   * again: while someone types, the model is then built in time proportional to the lines, not the
   * characters, and every per-line cache finds the very string it has seen (its hash already computed).
   * The model is exactly the one built without it.
   */
  constructor(readonly text: string, readonly format: DocFormat = 'plaintext', readonly uri = '', previous?: GwDocument) {
    if (previous && previous.format !== format) previous = undefined;
    const from: number[] = [];
    this.lines = previous ? reuseLines(previous, text, from) : splitLines(text);
    const raw = this.lines.map((l) => l.text);
    const prose = format === 'markdown' ? maskMarkdown(raw) : raw.slice();
    if (prose.length && prose[0].charCodeAt(0) === 0xfeff) prose[0] = ' ' + prose[0].slice(1);
    // gongwen-disable… comments are not prose. (One search of the text first: most documents have none.)
    if (text.includes(DIRECTIVE_MARK)) maskDirectives(raw, prose, format === 'markdown');
    // Indexed loops here: the constructor is large and may run unoptimised, where a for…of makes an iterator
    // result per line (~400 KB per keystroke in a 1 MB document).
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const p = prose[l.index];
      l.prose = p;
      // A printable ASCII or CJK first character answers at once; the regular expression decides the rest.
      const c = p.charCodeAt(0);
      l.blank = (c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff) ? false : !/[^\s\u3000\ufeff]/.test(p);
    }
    // An unchanged line (its prose the very string of the previous version, or an equal one) reads as before,
    // when the previous version kept what its lines read as.
    const keep = lineCaches.enabled;
    if (previous && previous.lineMarkers.length !== previous.lines.length) previous = undefined;
    const same = (k: number): number => {
      const o = previous ? from[k] : -1;
      return o >= 0 && previous!.lines[o].prose === this.lines[k].prose ? o : -1;
    };
    const markdown = format === 'markdown';
    const lineMarkers = this.lines.map((l) => {
      if (l.blank) return undefined;
      const o = same(l.index);
      if (o < 0) return markerOf(l.prose, l.index, markdown);
      const m = previous!.lineMarkers[o];
      return m && m.line !== l.index ? atLine(m, l.index) : m;
    });
    this.markers = findMarkers(this.lines, markdown, lineMarkers);
    // An edit that leaves every outline marker as it was, up to its title (typing in a paragraph, or in an
    // item's title or text), and leaves as many lines, leaves the outline's numbering as it was: the previous
    // version's token, by which the outline check knows it has checked this numbering (rules/outline.ts).
    const sameNumbering = keep && previous !== undefined && this.lines.length === previous.lines.length && markersAlike(this.markers, previous.markers);
    this.outlineShape = sameNumbering ? previous!.outlineShape : {};
    if (keep) {
      this.lineMarkers = lineMarkers;
      this.markerByLine = new Array(this.lines.length);
    } else {
      // Nothing is kept for a next version: the per-line list becomes the lookup (the filtered-out markers cleared).
      this.lineMarkers = [];
      this.markerByLine = lineMarkers.fill(undefined);
    }
    for (let i = 0; i < this.markers.length; i++) this.markerByLine[this.markers[i].line] = this.markers[i];
    const { roots, nodes } = buildTree(this.markers, this.lines);
    this.outline = roots;
    this.nodes = nodes;
    // Line shapes (content, dates) are per line and index: a line unchanged at the same index keeps its own.
    const prevShapes = previous?.cachedElements?.lines;
    if (prevShapes) {
      const prevLines = previous!.lines;
      this.shapeSeed = (k) => (from[k] === k && prevLines[k].prose === this.lines[k].prose ? prevShapes[k] : undefined);
    }
    // With the markers as they were, lines edited without a 序次语 before or after, that are blank or not as
    // before and end a sentence as before, leave the series as they were (seriesLineAlike). When every line
    // does, the series are taken over with what each line held, the very list.
    const alike = (k: number) => seriesLineAlike(this.lines, previous!, k, markdown);
    if (sameNumbering && everyLine(this.lines.length, alike)) {
      this.lineItems = previous!.lineItems;
      this.lineItemsFrom = previous!.lineItemsFrom;
      this.series = previous!.series;
      return;
    }
    const reuse = (k: number, col: number) => {
      const o = same(k);
      return o >= 0 && previous!.lineItemsFrom[o] === col ? previous!.lineItems[o] : undefined;
    };
    if (sameNumbering) {
      // Otherwise the blocks between markers whose lines all read alike keep their series (the very objects,
      // with which the series check keeps its findings), and only the other blocks are read again.
      this.lineItems = previous!.lineItems.slice();
      this.lineItemsFrom = previous!.lineItemsFrom.slice();
      this.series = findSeries(this, reuse, { series: previous!.series, unchanged: alike });
      return;
    }
    this.lineItems = keep ? new Array(this.lines.length) : [];
    this.lineItemsFrom = new Int32Array(keep ? this.lines.length : 0);
    this.series = findSeries(this, reuse);
  }

  /** Runs of non-blank lines: found on first use. */
  get paragraphs(): Paragraph[] {
    return (this.cachedParagraphs ??= findParagraphs(this.lines));
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The 公文 elements (标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 抄送, 印发, 发文字号): found on first use, then kept. */
  get elements(): DocElements {
    if (!this.cachedElements) {
      this.cachedElements = findElements(this, this.shapeSeed);
      this.shapeSeed = undefined; // lets the previous version go
    }
    return this.cachedElements;
  }

  markerAt(line: number): OutlineMarker | undefined {
    return this.markerByLine[line];
  }

  range(line: number, start: number, end: number): Range {
    return { start: { line, character: start }, end: { line, character: end } };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lines.length) return this.text.length;
    const l = this.lines[Math.max(0, pos.line)];
    return l.start + Math.min(Math.max(0, pos.character), l.text.length);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const l = this.lines[lo];
    return { line: lo, character: Math.min(offset - l.start, l.text.length) };
  }

  /** The range of the whole document. */
  get fullRange(): Range {
    const last = this.lines[this.lines.length - 1];
    return { start: { line: 0, character: 0 }, end: { line: last.index, character: last.text.length } };
  }
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  if (text.indexOf('\r') < 0) {
    // Only LF (the common case): indexOf is several times faster than a regular expression per line.
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.push(mkLine(lines.length, start, text.slice(start, nl), '\n'));
      start = nl + 1;
    }
  } else {
    const re = /\r\n|\r|\n/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      lines.push(mkLine(lines.length, start, text.slice(start, m.index), m[0] as Line['eol']));
      start = m.index + m[0].length;
    }
  }
  lines.push(mkLine(lines.length, start, text.slice(start), ''));
  return lines;
}

/** How many characters reuseLines compares at once while looking for the edited span. */
const BLOCK = 1024;

/**
 * The lines of `text`, an edited version of `prev.text`: the lines before and after the edited span are
 * taken over from `prev` (their strings, at shifted offsets), the span between is split afresh. The same
 * lines, texts and line breaks as splitLines(text). `from` receives, per line, the index of the line it was
 * taken over from, or -1.
 */
export function reuseLines(prev: GwDocument, text: string, from: number[] = []): Line[] {
  const old = prev.text;
  const n = Math.min(old.length, text.length);
  // The common start and end, compared a block at a time by the engine (a loop over the characters of an
  // edited text, which is a concatenation of pieces, cost ~5 ms per MB), then character by character.
  let p = 0;
  while (p + BLOCK <= n && old.substring(p, p + BLOCK) === text.substring(p, p + BLOCK)) p += BLOCK;
  while (p < n && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  const lo = old.length;
  const ln = text.length;
  while (s + BLOCK <= n - p && old.substring(lo - s - BLOCK, lo - s) === text.substring(ln - s - BLOCK, ln - s)) s += BLOCK;
  while (s < n - p && old.charCodeAt(lo - 1 - s) === text.charCodeAt(ln - 1 - s)) s++;
  const pl = prev.lines;
  // Unchanged at the start: the line and its line break end before the first difference, with one common
  // character after it (a CR followed by an inserted LF becomes one CRLF break).
  let i = 0;
  while (i < pl.length && pl[i].eol && pl[i].start + pl[i].text.length + pl[i].eol.length < p) i++;
  // Unchanged at the end: the line starts after a line break that is itself inside the common end.
  const suffixFrom = old.length - s;
  let j = pl.length;
  while (j - 1 > i && pl[j - 1].start - 1 >= suffixFrom) j--;
  const delta = text.length - old.length;
  const lines: Line[] = [];
  for (let k = 0; k < i; k++) {
    lines.push(mkLine(k, pl[k].start, pl[k].text, pl[k].eol));
    from.push(k);
  }
  const midStart = i < pl.length ? pl[i].start : text.length;
  const midEnd = j < pl.length ? pl[j].start + delta : text.length;
  // The edited span: its own copies (a slice would keep this whole version of the text alive for as long as
  // the line goes unedited).
  const mid = splitLines(text.slice(midStart, midEnd));
  if (j < pl.length) mid.pop(); // the span ends with a line break: the empty piece after it is the next line
  for (const l of mid) {
    lines.push(mkLine(lines.length, midStart + l.start, l.text.length > 12 ? (l.text + '\0').slice(0, -1) : l.text, l.eol));
    from.push(-1);
  }
  for (let k = j; k < pl.length; k++) {
    lines.push(mkLine(lines.length, pl[k].start + delta, pl[k].text, pl[k].eol));
    from.push(k);
  }
  return lines;
}

function mkLine(index: number, start: number, text: string, eol: Line['eol']): Line {
  return { index, start, text, prose: text, eol, blank: false };
}

/**
 * The same markers up to their titles: on the same lines, of the same kinds and values, at the same columns,
 * written the same from the line's start to the title (the numeral, its brackets and the mark after it, the
 * first character read as that mark when there is none). What the outline check and the series read of them.
 */
function markersAlike(a: readonly OutlineMarker[], b: readonly OutlineMarker[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.line !== y.line || x.kind !== y.kind || x.value !== y.value || x.start !== y.start || x.end !== y.end) return false;
    if (x.numeralEnd !== y.numeralEnd || x.titleStart !== y.titleStart || x.heading !== y.heading) return false;
    const upTo = Math.max(x.titleStart, x.end, x.numeralEnd + 1);
    if (x.prose.slice(0, upTo) !== y.prose.slice(0, upTo)) return false;
  }
  return true;
}

/**
 * Whether line k reads to the 序次语 series as line k of `prev` did, the lines being as many and the markers
 * alike: the same prose, or an edit that leaves it blank or not as before, holds no 序次语 before or after and
 * reads the same to the line after it (seriesUnaffected).
 */
function seriesLineAlike(lines: readonly Line[], prev: GwDocument, k: number, markdown: boolean): boolean {
  const p = lines[k].prose;
  const o = prev.lines[k];
  return p === o.prose || (lines[k].blank === o.blank && seriesUnaffected(o.prose, p, markdown, prev.lineItems[k]));
}

function everyLine(n: number, test: (k: number) => boolean): boolean {
  for (let k = 0; k < n; k++) if (!test(k)) return false;
  return true;
}

function findParagraphs(lines: Line[]): Paragraph[] {
  const out: Paragraph[] = [];
  let start = -1;
  for (const l of lines) {
    if (l.blank) {
      if (start >= 0) out.push({ startLine: start, endLine: l.index - 1 });
      start = -1;
    } else if (start < 0) start = l.index;
  }
  if (start >= 0) out.push({ startLine: start, endLine: lines.length - 1 });
  return out;
}

/**
 * An 附件说明's first line: /^[ \t\u3000]*附\s*件[:：]/, by hand. Most lines fail at their first character
 * that is not a space, and a regular expression per line of the document cost more than the whole test.
 */
function isAttachmentNote(prose: string): boolean {
  let i = 0;
  let c = prose.charCodeAt(0);
  while (c === 0x20 || c === 0x09 || c === 0x3000) c = prose.charCodeAt(++i);
  if (c !== 0x9644) return false; // 附
  c = prose.charCodeAt(++i);
  while (isSpace(c)) c = prose.charCodeAt(++i);
  if (c !== 0x4ef6) return false; // 件
  c = prose.charCodeAt(++i);
  return c === 0x3a || c === 0xff1a; // : ：
}

function findMarkers(lines: Line[], markdown: boolean, parsed: (OutlineMarker | undefined)[]): OutlineMarker[] {
  const out: OutlineMarker[] = [];
  // The numbered names of an 附件说明 (附件：1.名称 / 2.名称, GB/T 9704-2012 7.3.4) are not outline items.
  let inAttachments = false;
  for (const l of lines) {
    if (l.blank) {
      inAttachments = false;
      continue;
    }
    if (isAttachmentNote(l.prose)) {
      inAttachments = true;
      continue;
    }
    const m = parsed[l.index];
    if (inAttachments && (!m || m.kind === 'arabic')) continue;
    inAttachments = false;
    if (m) out.push(m);
  }
  if (markdown && !out.some((m) => m.level <= 2)) {
    // Without 一、 or （一） a Markdown "1. item" list is an ordinary list, not a level-3 outline.
    return out.filter((m) => !(m.kind === 'arabic' && m.punct?.text === '.' && /^[ \t]/.test(lines[m.line].prose.slice(m.end))));
  }
  return out;
}

function buildTree(markers: OutlineMarker[], lines: Line[]): { roots: OutlineNode[]; nodes: OutlineNode[] } {
  const roots: OutlineNode[] = [];
  const nodes: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  // The children of the open nodes, collected apart and given to their node when it closes, as a list of the
  // exact length (a list grown by push keeps room for 16 more).
  const kids: OutlineNode[][] = [];
  const close = (n: OutlineNode, nextLine: number) => {
    let e = nextLine - 1;
    while (e > n.line && lines[e].blank) e--;
    n.endLine = e;
    const c = kids.pop()!;
    if (c.length) n.children = c.slice();
  };
  for (const m of markers) {
    while (stack.length && stack[stack.length - 1].level >= m.level) close(stack.pop()!, m.line);
    const parent: OutlineNode | undefined = stack[stack.length - 1];
    const node = new OutlineNode(m, parent);
    if (parent) kids[kids.length - 1].push(node);
    else roots.push(node);
    stack.push(node);
    kids.push([]);
    nodes.push(node);
  }
  while (stack.length) close(stack.pop()!, lines.length);
  return { roots, nodes };
}
