// Applying text edits and choosing the fixes for fix-all. Edits never overlap once chosen.
import type { GwDocument } from './model';
import { DEFAULT_OPTIONS, CheckOptions } from './rules/api';
import { findInversions, renumberEdit, siblingGroups } from './rules/outline';
import { makeContext } from './check';
import { LAST, renderItem } from './series-model';
import type { Finding, TextEdit } from './types';

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

function toOffsets(doc: GwDocument, edits: TextEdit[]): OffsetEdit[] {
  return edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }));
}

/**
 * Keeps edits that neither overlap nor repeat one another, in document order. The same edit offered by two
 * findings (a renumbering shared by a whole list) is kept once.
 */
export function mergeEdits(doc: GwDocument, edits: TextEdit[]): TextEdit[] {
  const withOffsets = toOffsets(doc, edits).map((o, i) => ({ o, e: edits[i], i }));
  withOffsets.sort((a, b) => a.o.start - b.o.start || a.o.end - b.o.end || a.i - b.i);
  const out: TextEdit[] = [];
  let lastEnd = -1;
  let last: OffsetEdit | undefined;
  for (const { o, e } of withOffsets) {
    if (last && o.start === last.start && o.end === last.end && o.newText === last.newText) continue;
    if (o.start < lastEnd || (last && o.start === lastEnd && o.start === o.end && last.start === last.end)) continue;
    out.push(e);
    lastEnd = o.end;
    last = o;
  }
  return out;
}

/** Applies non-overlapping edits to the document text. */
export function applyEdits(doc: GwDocument, edits: TextEdit[]): string {
  const offs = toOffsets(doc, mergeEdits(doc, edits)).sort((a, b) => b.start - a.start);
  let text = doc.text;
  for (const e of offs) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

/** The edits of fix-all: every finding's preferred fix whose edits do not collide with one already taken. */
export function fixAllEdits(doc: GwDocument, findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  // Taken offset intervals, kept sorted by start, so a collision check is a binary search.
  const taken: OffsetEdit[] = [];
  const seen = new Set<TextEdit[]>();
  const collides = (o: OffsetEdit): boolean => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].start < o.start) lo = mid + 1;
      else hi = mid;
    }
    for (const t of [taken[lo - 1], taken[lo]]) {
      if (!t) continue;
      const same = o.start === t.start && o.end === t.end && o.newText === t.newText;
      if (!same && o.start < t.end && t.start < o.end) return true;
      if (!same && o.start === o.end && o.start === t.start) return true;
    }
    return false;
  };
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    // A fix shared by several findings (one renumbering for a whole list) is the same array: take it once.
    if (!fix || seen.has(fix.edits)) continue;
    seen.add(fix.edits);
    const offs = toOffsets(doc, fix.edits);
    if (offs.some(collides)) continue;
    for (const o of offs) {
      let i = taken.length;
      while (i > 0 && taken[i - 1].start > o.start) i--;
      taken.splice(i, 0, o);
    }
    chosen.push(...fix.edits);
  }
  return mergeEdits(doc, chosen);
}

/**
 * Renumbers the whole document from its structure: every outline list restarts under its parent and runs on
 * without gaps, and every 序次语 series counts 1, 2, 3. Only numerals change; marks and text stay.
 */
export function renumberEdits(doc: GwDocument, options: Partial<CheckOptions> = DEFAULT_OPTIONS): TextEdit[] {
  const ctx = makeContext(doc, options);
  const edits: TextEdit[] = [];
  const inversions = findInversions(ctx);
  for (const group of siblingGroups(ctx)) {
    const start = inversions.get(group[0])?.start ?? 1;
    group.forEach((n, i) => {
      const e = renumberEdit(ctx, n.marker, start + i);
      if (e) edits.push(e);
    });
  }
  for (const s of doc.series) {
    if (s.items.length < 2) continue;
    s.items.forEach((it, i) => {
      const text = renderItem(it.kind, it.value === LAST ? LAST : i + 1);
      if (text && text !== it.text) edits.push({ range: doc.range(it.line, it.start, it.end), newText: text });
    });
  }
  return mergeEdits(doc, edits);
}
