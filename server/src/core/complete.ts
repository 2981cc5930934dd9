// Outline continuation: at a position, the outline markers that may plausibly come next — the next item of
// the current list, the first item one level down, and the next item of every enclosing list. Pure: the
// document model and a position in, candidates out.
import type { MarkerKind } from './markers';
import { DocFormat, GwDocument, OutlineNode } from './model';
import { toChineseNumeral, toCircled } from './numerals';
import type { Position, Range } from './types';

/** GB/T 9704-2012 7.3.3 levels 1–4, and ① as a fifth level by practice. */
const KIND_OF_LEVEL: Record<number, MarkerKind> = { 1: 'cn', 2: 'paren-cn', 3: 'arabic', 4: 'paren-arabic', 5: 'circled' };

export type CompletionRelation = 'sibling' | 'child' | 'ancestor' | 'first';

export interface OutlineCompletion {
  /** The marker to insert, e.g. （三）. */
  marker: string;
  level: number;
  kind: MarkerKind;
  value: number;
  /** How the marker relates to the item it continues. */
  relation: CompletionRelation;
  /** The marker (as written) of the item it continues: the previous sibling, or the parent for a child. */
  after?: string;
  /** What the marker replaces: the partial marker typed so far on the line (empty at the cursor). */
  range: Range;
  /** Marker plus any Markdown heading prefix the previous item of that level used. */
  insertText: string;
}

/** Renders the marker of a level and number: (1, 3) → 三、 (2, 3) → （三） (3, 3) → 3. (4, 3) → （3） (5, 3) → ③. */
export function markerText(level: number, value: number): string | undefined {
  switch (KIND_OF_LEVEL[level]) {
    case 'cn':
      return toChineseNumeral(value) + '、';
    case 'paren-cn':
      return '（' + toChineseNumeral(value) + '）';
    case 'arabic':
      return value + '.';
    case 'paren-arabic':
      return '（' + value + '）';
    case 'circled':
      return toCircled(value);
  }
  return undefined;
}

const INDENT = /^[ \t\u3000\u00a0]*/;
const MD_PREFIX = /^#{1,6}[ \t]+/;
/** What a partly typed marker may look like: brackets, numerals, digits, a circled number. */
const PARTIAL = /^[（(]?[一二三四五六七八九十百零〇0-9]*[）)]?[、.．]?$|^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]$/;

/**
 * The markers plausible at `pos`, most plausible first. Offered only where a marker can start: the text before
 * the cursor (after indentation and, in Markdown, a heading prefix) must be empty or a partly typed marker.
 */
export function completeOutline(doc: GwDocument, pos: Position): OutlineCompletion[] {
  if (pos.line < 0 || pos.line >= doc.lineCount) return [];
  const line = doc.lines[pos.line];
  const col = Math.min(pos.character, line.text.length);
  const before = line.prose.slice(0, col);
  let start = INDENT.exec(before)![0].length;
  let typedHeading = 0;
  if (doc.format === 'markdown') {
    const h = MD_PREFIX.exec(before.slice(start));
    if (h) {
      typedHeading = h[0].trim().length;
      start += h[0].length;
    }
  }
  const typed = before.slice(start);
  if (!PARTIAL.test(typed)) return [];
  const range: Range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: col } };

  const last = lastNodeBefore(doc, pos.line);
  const out: OutlineCompletion[] = [];
  const add = (level: number, value: number, relation: CompletionRelation, ref?: OutlineNode) => {
    const marker = markerText(level, value);
    if (!marker || out.some((c) => c.level === level)) return;
    const after = ref ? doc.lines[ref.line].text.slice(ref.marker.start, ref.marker.end) : undefined;
    // Keep the Markdown heading style of the previous item at that level unless the user already typed one.
    const same = relation === 'sibling' || relation === 'ancestor' ? ref : undefined;
    const hashes = !typedHeading && same?.marker.heading ? '#'.repeat(same.marker.heading) + ' ' : '';
    out.push({ marker, level, kind: KIND_OF_LEVEL[level], value, relation, after, range, insertText: hashes + marker });
  };

  if (!last) {
    add(1, 1, 'first');
    return out;
  }
  const child = () => {
    if (last.level < 5) add(last.level + 1, 1, 'child', last);
  };
  // Right under a heading line with no body yet, the first sub-item is the most plausible; otherwise the next
  // item of the same list.
  if (isBareHeading(doc, last) && lastProseLine(doc, pos.line) === last.line) {
    child();
    add(last.level, last.marker.value + 1, 'sibling', last);
  } else {
    add(last.level, last.marker.value + 1, 'sibling', last);
    child();
  }
  for (let p = last.parent; p; p = p.parent) add(p.level, p.marker.value + 1, 'ancestor', p);
  return out;
}

/**
 * completeOutline for a document of which only the text is at hand (the server keeps no model of a document
 * checked on save only): reads the text through the end of the cursor's line, since what is offered depends
 * on no later line. Typing （ near the top of a 10 MB document models a few lines, not the whole of it.
 */
export function completeOutlineInText(text: string, format: DocFormat, pos: Position, uri = ''): OutlineCompletion[] {
  if (pos.line < 0) return [];
  // Line breaks as splitLines reads them: CRLF, CR or LF.
  const br = /\r\n|\r|\n/g;
  let end = text.length;
  for (let l = 0; l <= pos.line; l++) {
    const m = br.exec(text);
    if (!m) {
      if (l < pos.line) return []; // no such line
      end = text.length; // the cursor's line is the last
      break;
    }
    end = m.index + m[0].length;
  }
  return completeOutline(new GwDocument(text.slice(0, end), format, uri), pos);
}

/** The last outline item that starts before `line`. */
function lastNodeBefore(doc: GwDocument, line: number): OutlineNode | undefined {
  const nodes = doc.nodes;
  let lo = 0;
  let hi = nodes.length - 1;
  let found: OutlineNode | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].line < line) {
      found = nodes[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A heading line: the title runs to the end of the line, with no sentence after it. */
function isBareHeading(doc: GwDocument, n: OutlineNode): boolean {
  const rest = doc.lines[n.line].prose.slice(n.marker.titleEnd);
  return /^[\s\u3000*_#]*$/.test(rest);
}

function lastProseLine(doc: GwDocument, line: number): number {
  let l = line - 1;
  while (l >= 0 && doc.lines[l].blank) l--;
  return l;
}
