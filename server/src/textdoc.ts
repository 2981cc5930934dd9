// The open documents' text as the server keeps it between changes.
//
// vscode-languageserver-textdocument applies an incremental change by concatenating the text before the edit,
// the inserted text and the text after it, then reads characters at the edit, which makes V8 copy the whole
// text into a new flat string: each keystroke in a 10 MB document left a 7 MB copy behind until the next full
// collection (twenty keystrokes between two saves raised the server's peak by ~80 MB). Here a change only
// splits the text into pieces (slices of the last flat text and the inserted strings); the flat text is made
// once, when someone asks for it. A document checked on save only is not asked for its text while typing.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Past this many pieces the text is joined again (each lookup walks the pieces). */
const MAX_PIECES = 512;
/** Inserted pieces shorter than this are merged with an inserted neighbour (typing one character at a time). */
const SMALL = 64;

const CR = 13;
const LF = 10;

/** Offsets of the starts of the lines after the first in `s` (after each \r\n, \r or \n), shifted by `base`. */
function lineStartsIn(s: string, base: number, out: number[]): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === CR) {
      if (i + 1 < s.length && s.charCodeAt(i + 1) === LF) i++;
      out.push(base + i + 1);
    } else if (c === LF) out.push(base + i + 1);
  }
}

/**
 * A text document whose text is kept as pieces between changes. Behaves as the library's TextDocument
 * (positions, offsets, line ranges and texts are the same for the same changes); TextDocument.update and
 * applyEdits of the library do not take it (the server uses neither on open documents).
 */
export class PieceTextDocument implements TextDocument {
  /** The text is the concatenation of these; one piece when flat. */
  private pieces: string[];
  /** Whether pieces[k] came from an edit (may be merged with a neighbouring small insertion). */
  private inserted: boolean[];
  private len: number;
  /** Offset of the start of each line; undefined until asked for after an edit it cannot follow. */
  private starts: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private ver: number,
    content: string,
  ) {
    this.pieces = [content];
    this.inserted = [false];
    this.len = content.length;
  }

  get version(): number {
    return this.ver;
  }

  /** The length of the text in UTF-16 code units, without joining it. */
  get length(): number {
    return this.len;
  }

  getText(range?: Range): string {
    const text = this.flat();
    if (!range) return text;
    return text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.len), 0);
    const starts = this.lineStarts();
    const line = upperBound(starts, offset) - 1; // the last line starting at or before offset
    return { line, character: this.beforeEol(offset, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.len;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    if (position.character <= 0) return start;
    return this.beforeEol(Math.min(start + position.character, this.nextStart(starts, position.line)), start);
  }

  getLineRange(line: number): Range {
    const starts = this.lineStarts();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.len - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line];
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(this.nextStart(starts, line), start) - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.lineStarts();
    if (line < 0 || line >= starts.length) return '';
    const next = this.nextStart(starts, line);
    return this.flat().substring(this.beforeEol(next, starts[line]), next);
  }

  /** Applies the changes of one didChange, in order. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) this.edit(wellFormed(change.range), change.text);
      else if (isFull(change)) {
        this.pieces = [change.text];
        this.inserted = [false];
        this.len = change.text.length;
        this.starts = undefined;
      } else throw new Error('Unknown change event received');
    }
    this.ver = version;
  }

  private edit(range: Range, text: string): void {
    const from = this.offsetAt(range.start);
    const to = this.offsetAt(range.end);
    // A \r\n pair across an end of the edit (a \r last before the edit, last in the removed text, or last
    // in the inserted one) changes line breaks outside the edited span: the line starts are found afresh.
    const follow = !!this.starts && !(from > 0 && this.charAt(from - 1) === CR) && !(to > from && this.charAt(to - 1) === CR) && text.charCodeAt(text.length - 1) !== CR;
    this.splice(from, to, text);
    if (!follow) {
      this.starts = undefined;
      return;
    }
    const starts = this.starts!;
    // Lines starting inside (from, to] are gone; those the inserted text starts take their place; the
    // lines after move by the change in length.
    const first = upperBound(starts, from);
    const end = upperBound(starts, to);
    const added: number[] = [];
    lineStartsIn(text, from, added);
    const delta = text.length - (to - from);
    if (end - first === added.length) for (let k = 0; k < added.length; k++) starts[first + k] = added[k];
    else if (added.length < 10000 && end - first < 10000) starts.splice(first, end - first, ...added);
    else this.starts = starts.slice(0, first).concat(added, starts.slice(end));
    if (delta !== 0) {
      const s = this.starts!;
      for (let k = first + added.length; k < s.length; k++) s[k] += delta;
    }
  }

  /** Replaces [from, to) of the text by `text`, in pieces. */
  private splice(from: number, to: number, text: string): void {
    const pieces = this.pieces;
    const inserted = this.inserted;
    const outP: string[] = [];
    const outI: boolean[] = [];
    const push = (s: string, ins: boolean) => {
      if (!s.length) return;
      const last = outP.length - 1;
      // Typing one character at a time: the new character joins the previous small insertion.
      if (ins && last >= 0 && outI[last] && outP[last].length + s.length <= SMALL) outP[last] += s;
      else {
        outP.push(s);
        outI.push(ins);
      }
    };
    let at = 0;
    let placed = false;
    for (let k = 0; k < pieces.length; k++) {
      const p = pieces[k];
      const pEnd = at + p.length;
      if (pEnd <= from || at >= to) {
        // Wholly before or after the replaced span (an empty span at a piece boundary lands here too).
        if (!placed && at >= to) {
          push(text, true);
          placed = true;
        }
        push(p, inserted[k]);
      } else {
        if (from > at) push(p.slice(0, from - at), inserted[k]);
        if (!placed) {
          push(text, true);
          placed = true;
        }
        if (to < pEnd) push(p.slice(to - at), inserted[k]);
      }
      at = pEnd;
    }
    if (!placed) push(text, true);
    this.pieces = outP.length ? outP : [''];
    this.inserted = outI.length ? outI : [false];
    this.len += text.length - (to - from);
    if (this.pieces.length > MAX_PIECES) this.flat();
  }

  /** The whole text as one string (joined once, then kept until the next change). */
  private flat(): string {
    if (this.pieces.length !== 1) {
      this.pieces = [this.pieces.join('')];
      this.inserted = [false];
    }
    return this.pieces[0];
  }

  private charAt(offset: number): number {
    let at = 0;
    for (const p of this.pieces) {
      if (offset < at + p.length) return p.charCodeAt(offset - at);
      at += p.length;
    }
    return NaN;
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      // Only on open, after a full change, or after an edit next to a \r (rare): from the flat text.
      const s = [0];
      lineStartsIn(this.flat(), 0, s);
      this.starts = s;
    }
    return this.starts;
  }

  /** Where the line after `line` starts (its line break included in `line`), or the end of the text. */
  private nextStart(starts: number[], line: number): number {
    return line + 1 < starts.length ? starts[line + 1] : this.len;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const c = this.charAt(offset - 1);
      if (c !== CR && c !== LF) break;
      offset--;
    }
    return offset;
  }
}

/** The first index whose value is greater than `x` in ascending `a`. */
function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function wellFormed(r: Range): Range {
  const s = r.start;
  const e = r.end;
  return s.line > e.line || (s.line === e.line && s.character > e.character) ? { start: e, end: s } : r;
}

function isIncremental(c: TextDocumentContentChangeEvent): c is { range: Range; rangeLength?: number; text: string } {
  const x = c as { range?: Range; rangeLength?: unknown; text?: unknown };
  return x != null && typeof x.text === 'string' && x.range !== undefined && (x.rangeLength === undefined || typeof x.rangeLength === 'number');
}

function isFull(c: TextDocumentContentChangeEvent): c is { text: string } {
  const x = c as { range?: Range; rangeLength?: unknown; text?: unknown };
  return x != null && typeof x.text === 'string' && x.range === undefined && x.rangeLength === undefined;
}

/** For `new TextDocuments(PieceTextDocuments)`. */
export const PieceTextDocuments = {
  create: (uri: string, languageId: string, version: number, content: string) => new PieceTextDocument(uri, languageId, version, content),
  update: (doc: PieceTextDocument, changes: TextDocumentContentChangeEvent[], version: number) => {
    doc.update(changes, version);
    return doc;
  },
};
