// The outline as editor-neutral symbols and folding ranges.
import { DocElement, ELEMENT_LABELS } from './elements';
import type { GwDocument, OutlineNode } from './model';
import type { Range } from './types';

export interface OutlineSymbol {
  /** Marker and title, e.g. 一、强化政治意识. */
  name: string;
  /** The marker as written, e.g. 一、 or （一）. */
  detail: string;
  level: number;
  /** The whole section. */
  range: Range;
  /** The heading line's marker and title. */
  selectionRange: Range;
  children: OutlineSymbol[];
  /** 'outline' (default) for an item of the 正文 tree, 'element' for a 公文 element such as 标题 or 成文日期. */
  kind?: 'outline' | 'element';
}

export function outlineSymbols(doc: GwDocument): OutlineSymbol[] {
  const conv = (n: OutlineNode): OutlineSymbol => {
    const m = n.marker;
    const line = doc.lines[n.line];
    const endLine = doc.lines[n.endLine];
    const markerText = line.text.slice(m.start, m.end);
    return {
      name: (markerText + m.title).trim() || markerText,
      detail: markerText,
      level: n.level,
      range: { start: { line: n.line, character: 0 }, end: { line: n.endLine, character: endLine.text.length } },
      selectionRange: doc.range(n.line, m.start, Math.max(m.titleEnd, m.end)),
      children: n.children.map(conv),
      kind: 'outline',
    };
  };
  const tree = doc.outline.map(conv);
  // The 公文 elements frame the tree: 发文字号, 标题, 主送机关 and 正文 above it, 附件说明 to 印发 below.
  // A document with nothing but a 正文 keeps the plain tree.
  const { head, body, tail } = doc.elements;
  if (!head.length && !tail.length) return tree;
  const el = (e: DocElement): OutlineSymbol => {
    const first = e.spans[0];
    const last = e.spans[e.spans.length - 1];
    const label = ELEMENT_LABELS[e.kind].zh;
    const chars = e.kind === 'body' ? [] : Array.from(e.spans.map((s) => doc.lines[s.line].text.slice(s.start, s.end)).join(' '));
    return {
      name: e.kind === 'body' ? label : chars.length > 40 ? chars.slice(0, 39).join('') + '…' : chars.join(''),
      detail: e.kind === 'body' ? '' : label,
      level: 0,
      range: { start: { line: e.startLine, character: 0 }, end: { line: e.endLine, character: doc.lines[e.endLine].text.length } },
      selectionRange: e.kind === 'body' ? doc.range(first.line, first.start, first.end) : { start: { line: first.line, character: first.start }, end: { line: last.line, character: last.end } },
      children: [],
      kind: 'element',
    };
  };
  return [...head.map(el), ...(body ? [el(body)] : []), ...tree, ...tail.map(el)];
}

export interface FoldRange {
  startLine: number;
  endLine: number;
}

/** One folding range per outline item that spans more than its own line. */
export function foldingRanges(doc: GwDocument): FoldRange[] {
  return doc.nodes.filter((n) => n.endLine > n.line).map((n) => ({ startLine: n.line, endLine: n.endLine }));
}

/** The outline as plain text (a 提纲), indented by level. */
export function outlineText(doc: GwDocument, indent = '  '): string {
  const lines: string[] = [];
  const walk = (ns: OutlineNode[], depth: number) => {
    for (const n of ns) {
      const m = n.marker;
      lines.push(indent.repeat(depth) + doc.lines[n.line].text.slice(m.start, m.end) + m.title);
      walk(n.children, depth + 1);
    }
  };
  walk(doc.outline, 0);
  return lines.join('\n');
}
