// The outline as editor-neutral symbols and folding ranges.
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
    };
  };
  return doc.outline.map(conv);
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
