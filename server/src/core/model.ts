// The document model: built once per change, read by every rule. Nothing here re-splits text later.
import { DocElements, findElements } from './elements';
import { maskMarkdown } from './markdown';
import { markerOf, OutlineMarker } from './markers';
import { findSeries, Series } from './series-model';
import { maskDirectives } from './suppress';
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

export interface OutlineNode {
  marker: OutlineMarker;
  level: number;
  line: number;
  /** Last line of the item's section (before the next item of the same or a higher level). */
  endLine: number;
  parent?: OutlineNode;
  children: OutlineNode[];
}

export type DocFormat = 'plaintext' | 'markdown';

export class GwDocument {
  readonly lines: Line[];
  readonly paragraphs: Paragraph[];
  readonly markers: OutlineMarker[];
  /** Top-level outline items (their parent is the document). */
  readonly outline: OutlineNode[];
  /** Every outline node in document order. */
  readonly nodes: OutlineNode[];
  readonly series: Series[];
  private markerByLine = new Map<number, OutlineMarker>();
  private cachedElements?: DocElements;

  constructor(readonly text: string, readonly format: DocFormat = 'plaintext', readonly uri = '') {
    this.lines = splitLines(text);
    const raw = this.lines.map((l) => l.text);
    const prose = format === 'markdown' ? maskMarkdown(raw) : raw.slice();
    if (prose.length && prose[0].charCodeAt(0) === 0xfeff) prose[0] = ' ' + prose[0].slice(1);
    maskDirectives(raw, prose, format === 'markdown'); // gongwen-disable… comments are not prose
    for (const l of this.lines) {
      l.prose = prose[l.index];
      l.blank = !/[^\s\u3000\ufeff]/.test(l.prose);
    }
    this.paragraphs = findParagraphs(this.lines);
    this.markers = findMarkers(this.lines, format === 'markdown');
    for (const m of this.markers) this.markerByLine.set(m.line, m);
    const { roots, nodes } = buildTree(this.markers, this.lines);
    this.outline = roots;
    this.nodes = nodes;
    this.series = findSeries(this);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The 公文 elements (标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 抄送, 印发, 发文字号): found on first use, then kept. */
  get elements(): DocElements {
    return (this.cachedElements ??= findElements(this));
  }

  markerAt(line: number): OutlineMarker | undefined {
    return this.markerByLine.get(line);
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

function mkLine(index: number, start: number, text: string, eol: Line['eol']): Line {
  return { index, start, text, prose: text, eol, blank: false };
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

const ATTACHMENT_NOTE = /^[ \t\u3000]*附\s*件[:：]/;

function findMarkers(lines: Line[], markdown: boolean): OutlineMarker[] {
  const out: OutlineMarker[] = [];
  // The numbered names of an 附件说明 (附件：1.名称 / 2.名称, GB/T 9704-2012 7.3.4) are not outline items.
  let inAttachments = false;
  for (const l of lines) {
    if (l.blank) {
      inAttachments = false;
      continue;
    }
    if (ATTACHMENT_NOTE.test(l.prose)) {
      inAttachments = true;
      continue;
    }
    const m = markerOf(l.prose, l.index, markdown);
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
  const close = (n: OutlineNode, nextLine: number) => {
    let e = nextLine - 1;
    while (e > n.line && lines[e].blank) e--;
    n.endLine = e;
  };
  for (const m of markers) {
    while (stack.length && stack[stack.length - 1].level >= m.level) close(stack.pop()!, m.line);
    const node: OutlineNode = { marker: m, level: m.level, line: m.line, endLine: m.line, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
    stack.push(node);
    nodes.push(node);
  }
  while (stack.length) close(stack.pop()!, lines.length);
  return { roots, nodes };
}
