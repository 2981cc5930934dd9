// The properties every document must satisfy, whatever it contains. Each check throws an Error saying which
// property broke and where; fast-check then shrinks the input and prints it with its seed.
import {
  applyEdits,
  checkDocument,
  CheckOptions,
  DocFormat,
  familyOccurrences,
  Finding,
  fixAllEdits,
  foldingRanges,
  GwDocument,
  outlineSymbols,
  Position,
  Range,
  renumberEdits,
  TextEdit,
} from '../server/src/core';
import { completeOutline } from '../server/src/core/complete';
import { statistics } from '../server/src/core/stats';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Surrogates without their other half: the text's own damage, which no edit may add to. */
export function loneSurrogates(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
      else n++;
    } else if (isLow(c)) n++;
  }
  return n;
}

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(detail)}`);
}

/**
 * A position is valid when it names a line of the document and a column from 0 to the line's length, and
 * does not fall between the two halves of a surrogate pair (a high surrogate immediately followed by a low
 * one). A position next to a lone surrogate is fine: the lone unit is a character of its own.
 */
export function checkPosition(doc: GwDocument, p: Position, what: string): void {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) fail(`${what}: position not integral`, p);
  if (p.line < 0 || p.line >= doc.lineCount) fail(`${what}: line outside the document (${doc.lineCount} lines)`, p);
  const text = doc.lines[p.line].text;
  if (p.character < 0 || p.character > text.length) fail(`${what}: column outside line ${p.line} (length ${text.length})`, p);
  const c = p.character;
  if (c > 0 && c < text.length && isHigh(text.charCodeAt(c - 1)) && isLow(text.charCodeAt(c))) fail(`${what}: column splits a surrogate pair`, p);
}

export function checkRange(doc: GwDocument, r: Range, what: string): void {
  checkPosition(doc, r.start, what + ' start');
  checkPosition(doc, r.end, what + ' end');
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) fail(`${what}: range ends before it starts`, r);
}

/** Positions in document order: negative, 0 or positive. */
const comparePos = (a: Position, b: Position) => a.line - b.line || a.character - b.character;
const sameRange = (a: Range, b: Range) => comparePos(a.start, b.start) === 0 && comparePos(a.end, b.end) === 0;

/**
 * Edits apply cleanly when each lies inside the document on code point boundaries, no two overlap (two
 * insertions at one point would leave their order to chance, so they count as overlapping), and the result
 * has no more lone surrogates than the text had. Whether a surrogate is paired depends only on its
 * neighbours, so the count is compared around each cluster of touching edits, one code unit either side:
 * checking every quick fix of a 100,000-line document against the whole text would be quadratic.
 * With `whole`, the edits are also applied to the whole text and compared with the core's applyEdits.
 */
export function checkEdits(doc: GwDocument, edits: TextEdit[], what: string, whole = false): string | undefined {
  for (const e of edits) {
    checkRange(doc, e.range, what);
    if (typeof e.newText !== 'string') fail(`${what}: newText not a string`, e);
  }
  const offs = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < offs.length; i++) {
    const a = offs[i - 1];
    const b = offs[i];
    if (b.start < a.end || (b.start === a.start && a.start === a.end && b.start === b.end)) fail(`${what}: edits overlap`, [a, b]);
  }
  const text = doc.text;
  for (let i = 0; i < offs.length; ) {
    // A cluster: edits less than two code units apart share their neighbours.
    let j = i;
    while (j + 1 < offs.length && offs[j + 1].start - offs[j].end < 2) j++;
    const from = Math.max(0, offs[i].start - 1);
    const to = Math.min(text.length, offs[j].end + 1);
    let after = text.slice(from, offs[i].start);
    for (let k = i; k <= j; k++) after += offs[k].newText + text.slice(offs[k].end, k < j ? offs[k + 1].start : to);
    if (loneSurrogates(after) > loneSurrogates(text.slice(from, to))) fail(`${what}: the edits leave a broken surrogate pair`, offs.slice(i, j + 1));
    i = j + 1;
  }
  if (!whole) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const o of offs) {
    parts.push(text.slice(at, o.start), o.newText);
    at = o.end;
  }
  parts.push(text.slice(at));
  const out = parts.join('');
  if (applyEdits(doc, edits) !== out) fail(`${what}: applyEdits disagrees with a plain application`, edits.slice(0, 5));
  return out;
}

/** `checked` holds the edit lists already proven: a renumbering shared by a whole list is checked once. */
function checkFinding(doc: GwDocument, f: Finding, checked: Set<TextEdit[]>): void {
  const what = `finding ${f.code} at ${f.range.start.line}:${f.range.start.character}`;
  if (typeof f.code !== 'string' || !f.code) fail('finding without a code', f);
  if (typeof f.message !== 'string' || !f.message) fail(`${what}: no message`, f);
  checkRange(doc, f.range, what);
  for (const r of f.related ?? []) checkRange(doc, r.range, what + ' related');
  for (const fix of f.fixes ?? []) {
    if (checked.has(fix.edits)) continue;
    checked.add(fix.edits);
    checkEdits(doc, fix.edits, `${what} fix "${fix.title}"`);
  }
}

/**
 * The text outside the edited ranges is unchanged: walking the result edit by edit, every stretch between two
 * edits reads as in the original, and each edit's new text stands where the old text stood.
 */
function sameOutside(doc: GwDocument, edits: TextEdit[], result: string, what: string): void {
  const offs = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText })).sort((x, y) => x.start - y.start);
  let at = 0; // in the original
  let r = 0; // in the result
  for (const o of offs) {
    const keep = doc.text.slice(at, o.start);
    if (result.slice(r, r + keep.length) !== keep) fail(`${what}: text between edits changed`, { offset: at });
    r += keep.length;
    if (result.slice(r, r + o.newText.length) !== o.newText) fail(`${what}: an edit's text is not where it belongs`, o);
    r += o.newText.length;
    at = o.end;
  }
  if (result.slice(r) !== doc.text.slice(at)) fail(`${what}: text after the last edit changed`, { offset: at });
}

export interface Outcome {
  findings: number;
  fixAllChanged: boolean;
  renumbered: boolean;
}

/** Runs every property on one document; throws on the first that breaks. */
/**
 * `converge: false` skips the fix-all fixed-point check: in the 100,000-line cases, where every line is a
 * marker whose fixes collide with its neighbours', each run settles one more layer of lists.
 */
export function checkAll(text: string, format: DocFormat, options: Partial<CheckOptions> = {}, converge = true): Outcome {
  const doc = new GwDocument(text, format, 'file:///fuzz.txt');
  if (doc.text !== text) fail('the model changed the text', null);
  // The model's lines cover the text exactly.
  if (doc.lines.map((l) => l.text + l.eol).join('') !== text) fail('lines do not rebuild the text', null);
  for (const l of doc.lines) if (l.prose.length !== l.text.length) fail(`line ${l.index}: prose and text differ in length`, null);

  const findings = checkDocument(doc, options);
  const checked = new Set<TextEdit[]>();
  for (const f of findings) checkFinding(doc, f, checked);

  // Fix-all: edits apply cleanly, and a second fix-all on the result finds nothing more to do. A fix can
  // still make text that another rule reads anew (二要 glued to a fixed 第二， joins its series): such input is
  // rare and contrived, so by default a second run may change text as long as a third changes nothing;
  // GONGWEN_FUZZ_STRICT=1 demands a fixed point after one run (docs/robustness.md lists what it still finds).
  const edits = fixAllEdits(doc, findings);
  const fixed = checkEdits(doc, edits, 'fix-all', true)!;
  if (edits.length && converge) {
    let cur = fixed;
    const limit = process.env.GONGWEN_FUZZ_STRICT ? 1 : 2;
    for (let run = 1; ; run++) {
      const d = new GwDocument(cur, format);
      const again = fixAllEdits(d, checkDocument(d, options));
      const next = again.length ? applyEdits(d, again) : cur;
      if (next === cur) break;
      if (run >= limit) {
        fail(`fix-all is not idempotent: run ${run + 1} still changes the text`, {
          count: again.length,
          changes: again.slice(0, 8).map((e) => ({ line: e.range.start.line, from: d.text.slice(d.offsetAt(e.range.start), d.offsetAt(e.range.end)), to: e.newText })),
        });
      }
      cur = next;
    }
  }

  // Renumbering: edits only numerals and 序次语, keeps the structure, and a second run has nothing to do.
  const ren = renumberEdits(doc, options);
  const renumbered = checkEdits(doc, ren, 'renumber', true)!;
  const seriesOn = new Map<number, { start: number; end: number }[]>();
  for (const x of doc.series) for (const it of x.items) seriesOn.set(it.line, [...(seriesOn.get(it.line) ?? []), it]);
  for (const e of ren) {
    if (e.range.start.line !== e.range.end.line) fail('renumber: an edit spans lines', e);
    const { line, character: s } = e.range.start;
    const end = e.range.end.character;
    const m = doc.markerAt(line);
    const onNumeral = !!m && s >= m.numeral.start && end <= m.numeral.end;
    const onSeries = (seriesOn.get(line) ?? []).some((it) => s >= it.start && end <= it.end);
    if (!onNumeral && !onSeries) fail('renumber: an edit outside every numeral and 序次语', { edit: e, line: doc.lines[line].text });
  }
  if (ren.length) {
    const after = new GwDocument(renumbered, format);
    // Every marker stays, with its kind. (One may appear: 一.二是 → 一.第二， reads as a marker with a wrong
    // mark; only contrived text glues a 序次语 to a numeral so.)
    const kinds = new Set(after.markers.map((m) => `${m.line}:${m.kind}`));
    const lost = doc.markers.filter((m) => !kinds.has(`${m.line}:${m.kind}`));
    if (lost.length) fail('renumber: the outline structure changed', lost.slice(0, 5).map((m) => ({ line: m.line, kind: m.kind, text: doc.lines[m.line].text.slice(0, 40) })));
    sameOutside(doc, ren, renumbered, 'renumber');
    const items = (d: GwDocument) => d.series.reduce((n, x) => n + x.items.length, 0);
    if (items(after) < items(doc)) fail('renumber: a 序次语 stopped being read as one', { before: items(doc), after: items(after) });
    // As with fix-all, a third run must change nothing (a second one, with GONGWEN_FUZZ_STRICT=1).
    const again = renumberEdits(after, options);
    const third = again.length && !process.env.GONGWEN_FUZZ_STRICT ? new GwDocument(applyEdits(after, again), format) : undefined;
    const still = third ? renumberEdits(third, options) : again;
    if (still.length) fail('renumber is not idempotent: a further run changes', still.slice(0, 8).map((e) => ({ line: e.range.start.line, to: e.newText })));
  }

  // Read-only features: valid ranges, no exception.
  for (const s of flatten(outlineSymbols(doc))) {
    checkRange(doc, s.range, `symbol ${s.name}`);
    checkRange(doc, s.selectionRange, `symbol ${s.name} selection`);
  }
  for (const r of foldingRanges(doc)) if (!(r.startLine >= 0 && r.startLine < r.endLine && r.endLine < doc.lineCount)) fail('folding range outside the document', r);
  statistics(doc, findings, options);
  // Highlights: at the first few clichés found, every occurrence of the family, that one included, in order.
  let seen = 0;
  for (const f of findings) {
    if (f.code !== 'cliche' || seen++ >= 5) continue;
    const lit = familyOccurrences(doc, f.range.start.line, f.range.start.character, options);
    if (!lit || !lit.some((r) => sameRange(r, f.range))) fail('highlights miss the cliché under the cursor', { finding: f.range, lit: lit?.slice(0, 5) });
    for (let i = 0; i < lit.length; i++) {
      checkRange(doc, lit[i], 'highlight');
      if (i && comparePos(lit[i - 1].start, lit[i].start) >= 0) fail('highlights out of order', lit.slice(i - 1, i + 1));
    }
  }
  for (const line of new Set([0, doc.lineCount >> 1])) for (const r of familyOccurrences(doc, line, 0, options) ?? []) checkRange(doc, r, 'highlight');
  // Completion at the end of a few lines (the start, the middle, the last).
  for (const line of new Set([0, doc.lineCount >> 1, doc.lineCount - 1])) {
    const pos = { line, character: doc.lines[line].text.length };
    for (const c of completeOutline(doc, pos)) checkRange(doc, c.range, 'completion');
  }
  return { findings: findings.length, fixAllChanged: edits.length > 0, renumbered: ren.length > 0 };
}

function flatten<T extends { children: T[] }>(xs: T[]): T[] {
  return xs.flatMap((x) => [x, ...flatten(x.children)]);
}
