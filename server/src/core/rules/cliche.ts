// 套话: every occurrence of a dictionary phrase (`cliche`, a hint with the why and the advice in its hover),
// and the same phrase or family used again and again (`cliche-overused`, from the threshold on).
import { lineCaches, PerDocument } from '../cache';
import { flat } from '../chars';
import { findingExtras } from '../extras';
import { categoryEn, CATEGORY_EN, Category, ClicheEntry, ClicheMatch, ClicheMatcher, getClicheMatcher } from '../cliche/dictionary';
import type { Finding, Fix, Range } from '../types';
import type { CheckOptions, RuleContext, RuleFamily } from './api';
import type { GwDocument } from '../model';

const PRACTICE = '惯例';
const PRACTICE_EN = 'practice';

export interface ClicheOccurrence extends ClicheMatch {
  line: number;
}

/** Every cliché in the document's prose, line by line, in document order. */
export function findCliches(ctx: RuleContext): ClicheOccurrence[] {
  const matcher = getClicheMatcher(ctx.options.extraCliches ?? [], ctx.options.allow ?? []);
  const out: ClicheOccurrence[] = [];
  for (const l of ctx.doc.lines) {
    if (l.blank) continue;
    // An explicit literal, not { ...m, line }: object spread is several times slower in V8 and this runs for
    // every occurrence in the document.
    for (const m of matcher.find(l.prose)) out.push({ start: m.start, end: m.end, text: m.text, entry: m.entry, family: m.family, label: m.label, pattern: m.pattern, familyId: m.familyId, line: l.index });
  }
  return out;
}

function enOf(e: ClicheEntry): { name: string; why: string; advice: string } {
  const cat = (CATEGORY_EN as Record<string, { why: string; advice: string }>)[e.category as Category];
  return {
    name: categoryEn(e.category),
    why: e.whyEn ?? (cat ? `A stock phrase: ${cat.why}` : 'A stock phrase.'),
    advice: e.adviceEn ?? cat?.advice ?? 'Replace it with a concrete statement.',
  };
}

const noPeriod = (s: string) => s.replace(/[。.]\s*$/, '');

/** The hover text: category, why, and what to write instead. */
export function clicheDetail(ctx: RuleContext, o: ClicheMatch): string {
  return detailText(ctx.t('zh', 'en') === 'en', o);
}

/** The hover text in one language: only that one is built (once per phrase, for thousands of phrases). */
function detailText(english: boolean, o: ClicheMatch): string {
  const e = o.entry;
  if (!english) {
    const del = e.delete ? `\n\n可直接删去“${e.delete}”，句意不变。` : '';
    return `**套话 · ${e.category}**：“${o.text}”\n\n**为什么**：${e.why}\n\n**怎么改**：${e.advice}${del}`;
  }
  const en = enOf(e);
  const del = e.delete ? `\n\nDeleting "${e.delete}" leaves the meaning intact.` : '';
  return `**Stock phrase · ${en.name}** (${e.category}): "${o.text}"\n\n**Why**: ${en.why}${e.whyEn ? '' : ` (${e.why})`}\n\n**Instead**: ${en.advice}${e.adviceEn ? '' : ` (${e.advice})`}${del}`;
}

/**
 * At most this many findings of each code per document. A pathological file (a phrase pasted a hundred
 * thousand times) would otherwise produce hundreds of thousands of hints that no editor can show usefully;
 * counting for overuse still sees every occurrence.
 */
export const MAX_FINDINGS_PER_CODE = 5000;

/**
 * What a phrase's findings say, the same wherever it occurs: built once per matcher, phrase, language and
 * whether findings carry the hover text (findingExtras.detail; undefined when they do not).
 */
interface PhraseTexts {
  message: string;
  detail: string | undefined;
  /** Title of the delete fix, when the phrase has a deletable part (at `deleteAt` in the phrase). */
  fixTitle?: string;
  deleteAt: number;
}

/**
 * Per matcher (weak: a replaced matcher's go with it), per language and with or without the hover text: each
 * phrase's texts, by phrase index.
 */
const phraseTexts = new WeakMap<ClicheMatcher, (PhraseTexts | undefined)[][]>();

function textsFor(matcher: ClicheMatcher, en: boolean, detail: boolean): (PhraseTexts | undefined)[] {
  let v = phraseTexts.get(matcher);
  if (!v) phraseTexts.set(matcher, (v = [[], [], [], []]));
  return v[(en ? 1 : 0) + (detail ? 2 : 0)];
}

function buildTexts(english: boolean, detail: boolean, o: ClicheMatch): PhraseTexts {
  const e = o.entry;
  const del = e.delete;
  const deleteAt = del ? o.text.indexOf(del) : -1;
  let message: string;
  if (english) {
    const en = enOf(e);
    message = flat`Stock phrase "${o.text}" (${en.name}): ${noPeriod(en.why)} (${PRACTICE_EN}). ${en.advice}`;
  } else message = flat`套话“${o.text}”（${e.category}）：${noPeriod(e.why)}（${PRACTICE}）。建议：${e.advice}`;
  return {
    message,
    detail: detail ? detailText(english, o) : undefined,
    fixTitle: deleteAt >= 0 ? (english ? `Delete "${del}"` : `删去“${del}”`) : undefined,
    deleteAt,
  };
}

/** What an overused finding carries besides its code and severity. */
interface OverusedParts {
  range: Range;
  message: string;
  detail: string | undefined;
}

/**
 * The last analysis of a document while typing (per-line caches on): its occurrences and what was built for
 * them. The next analysis compares its occurrences with these, by content, and reuses the parts of every
 * occurrence and every family that is unchanged (typing changes one line; the ranges, fixes and overuse
 * messages of the thousands of other occurrences stay the same). Everything reused is read only downstream.
 */
interface Previous {
  matcher: ClicheMatcher;
  en: boolean;
  threshold: number;
  /** Whether the findings carried fixes and the hover text (findingExtras). */
  fixes: boolean;
  detail: boolean;
  /** Each line's prose and matches (undefined for a blank line). */
  proses: string[];
  found: (readonly ClicheMatch[] | undefined)[];
  ms: readonly ClicheMatch[];
  ls: readonly number[];
  ranges: Range[];
  fixFor: (Fix[] | undefined)[];
  /** Per family number: its occurrences (count, and where they start in idx); its findings, and how many came before them. */
  count: Int32Array;
  start: Int32Array;
  idx: Int32Array;
  groupParts: (OverusedParts[] | undefined)[];
  groupBefore: Int32Array;
  /** The findings made: one per shown occurrence, and each overused family's. */
  hints: Finding[];
  groupFindings: (Finding[] | undefined)[];
}

const previous = new PerDocument<Previous>();

/** Forgets what the last analyses built (tests compare a warm run with a cold one). */
export function resetClicheState(): void {
  previous.clear();
}

/** Drops what was kept for one document (it was closed). */
export function forgetClicheState(uri: string): void {
  previous.delete(uri);
}

const sameMatch = (a: ClicheMatch, b: ClicheMatch) => a === b || (a.start === b.start && a.end === b.end && a.pattern === b.pattern && a.entry === b.entry);

function check(ctx: RuleContext): Finding[] {
  const { t, doc } = ctx;
  // Which language t() picks, asked once: messages built per occurrence below build that one only.
  const en = t('zh', 'en') === 'en';
  const matcher = getClicheMatcher(ctx.options.extraCliches ?? [], ctx.options.allow ?? []);
  const threshold = Math.max(2, Math.floor(Number(ctx.options.overuseThreshold) || 3));

  // The last analysis of this document, if it can be compared with.
  const keep = lineCaches.enabled;
  // What the findings carry besides their messages (everything, unless gongwen-lint asks for less).
  const wantFixes = findingExtras.fixes;
  const wantDetail = findingExtras.detail;
  let prev = keep ? previous.get(doc.uri) : undefined;
  if (prev && (prev.matcher !== matcher || prev.en !== en || prev.threshold !== threshold || prev.fixes !== wantFixes || prev.detail !== wantDetail)) prev = undefined;

  // Every line's matches: a line whose prose is the very string (or an equal one) at the same place from the
  // start or the end of the previous version has that version's matches; the others ask the matcher (whose
  // line cache knows most of them). The model hands unchanged lines over as the same strings, so the
  // comparison is mostly a pointer comparison.
  const lines = doc.lines;
  const lc = lines.length;
  const found: (readonly ClicheMatch[] | undefined)[] = new Array(lc);
  let lineHead = 0;
  let lineTail = 0;
  if (prev) {
    const pp = prev.proses;
    const pc = pp.length;
    while (lineHead < lc && lineHead < pc && lines[lineHead].prose === pp[lineHead]) {
      found[lineHead] = prev.found[lineHead];
      lineHead++;
    }
    while (lineTail < lc - lineHead && lineTail < pc - lineHead && lines[lc - 1 - lineTail].prose === pp[pc - 1 - lineTail]) {
      found[lc - 1 - lineTail] = prev.found[pc - 1 - lineTail];
      lineTail++;
    }
  }
  // A check of the whole document where the kernel is on (gongwen-lint) scans the whole text at once.
  const whole = lineHead === 0 && lineTail === 0 ? matcher.findInLines(doc.text, lines) : undefined;
  if (whole) for (let i = 0; i < lc; i++) found[i] = whole[i];
  else for (let i = lineHead; i < lc - lineTail; i++) found[i] = lines[i].blank ? undefined : matcher.find(lines[i].prose);

  // Every occurrence in document order: its match (shared with the matcher's line cache) and its line.
  const ms: ClicheMatch[] = [];
  const ls: number[] = [];
  for (let i = 0; i < lc; i++) {
    const f = found[i];
    if (!f) continue;
    for (let k = 0; k < f.length; k++) {
      ms.push(f[k]);
      ls.push(i);
    }
  }
  const n = ms.length;

  // Occurrence k of this analysis is occurrence map(k) of the last one when both lie in the unchanged head
  // or tail of the list (same line, place and phrase).
  let head = 0;
  let tail = 0;
  let shift = 0;
  if (prev) {
    const pms = prev.ms;
    const pls = prev.ls;
    const pn = pms.length;
    while (head < n && head < pn && ls[head] === pls[head] && sameMatch(ms[head], pms[head])) head++;
    while (tail < n - head && tail < pn - head && ls[n - 1 - tail] === pls[pn - 1 - tail] && sameMatch(ms[n - 1 - tail], pms[pn - 1 - tail])) tail++;
    shift = pn - n;
  }
  const map = (k: number) => (k < head ? k : k >= n - tail ? k + shift : -1);

  const texts = textsFor(matcher, en, wantDetail);
  const textsOf = (k: number): PhraseTexts => texts[ms[k].pattern] ?? (texts[ms[k].pattern] = buildTexts(en, wantDetail, ms[k]));

  // One range per occurrence, shared by its cliche finding and its overused finding (read only); the delete
  // fix of an intensifier. Kept for the next analysis, they are made for every occurrence; otherwise
  // (gongwen-lint, a document checked on save) for the occurrences shown as cliche findings, and for the others
  // only when an overused finding asks (rangeOf): a 10 MB draft has ~58,000 occurrences and shows 5,000 hints
  // (three objects a range, ~5 MB at the check's peak).
  const shown = Math.min(n, MAX_FINDINGS_PER_CODE);
  const ranges: Range[] = new Array(n);
  const fixes: (Fix[] | undefined)[] = new Array(n);
  for (let k = 0; k < (keep ? n : shown); k++) {
    const pk = prev ? map(k) : -1;
    if (pk >= 0) {
      ranges[k] = prev!.ranges[pk];
      fixes[k] = prev!.fixFor[pk];
      continue;
    }
    const o = ms[k];
    const line = ls[k];
    ranges[k] = doc.range(line, o.start, o.end);
    const tx = textsOf(k);
    if (tx.fixTitle !== undefined && wantFixes) {
      const start = o.start + tx.deleteAt;
      // Not preferred: deleting an intensifier is a style choice (进一步 may refer to earlier measures), so
      // fix-all and `gongwen-lint --fix` leave it to the writer.
      fixes[k] = [{ title: tx.fixTitle, edits: [{ range: doc.range(line, start, start + o.entry.delete!.length), newText: '' }] }];
    }
  }
  const rangeOf = (k: number): Range => ranges[k] ?? (ranges[k] = doc.range(ls[k], ms[k].start, ms[k].end));

  // The finding of an unchanged occurrence is the last analysis's: the same range, fixes and texts (the
  // findings are read only downstream; check.ts copies one whose severity the settings change).
  const out: Finding[] = [];
  const hints = new Array<Finding>(shown);
  for (let k = 0; k < shown; k++) {
    const pk = prev ? map(k) : -1;
    if (pk >= 0 && pk < prev!.hints.length) hints[k] = prev!.hints[pk];
    else {
      const tx = textsOf(k);
      // Every field, in the order of finding() (types.ts), written out: thousands of these per long document.
      hints[k] = { code: 'cliche', severity: 'hint', range: ranges[k], message: tx.message, fixes: fixes[k], related: undefined, detail: tx.detail };
    }
    out.push(hints[k]);
  }

  // Occurrences by family, families in order of their first occurrence: a counting sort on the family
  // numbers puts each family's occurrences side by side in `idx`, from `start[f]`, `count[f]` of them.
  const families = matcher.familyCount;
  const count = new Int32Array(families);
  const order: number[] = [];
  for (let k = 0; k < n; k++) if (count[ms[k].familyId]++ === 0) order.push(ms[k].familyId);
  const start = new Int32Array(families);
  for (let g = 0, at = 0; g < order.length; g++) {
    start[order[g]] = at;
    at += count[order[g]];
  }
  const idx = new Int32Array(n);
  const put = start.slice();
  for (let k = 0; k < n; k++) idx[put[ms[k].familyId]++] = k;

  const groupParts: (OverusedParts[] | undefined)[] = [];
  const groupFindings: (Finding[] | undefined)[] = [];
  const groupBefore = new Int32Array(families);
  let overused = 0;
  for (const f of order) {
    const gn = count[f];
    if (gn < threshold) continue;
    if (overused >= MAX_FINDINGS_PER_CODE) break;
    const before = overused;
    const all = gn - threshold + 1;
    const emitted = Math.min(all, MAX_FINDINGS_PER_CODE - before);
    const s0 = start[f];
    let parts: OverusedParts[] | undefined;
    // The family's findings of the last analysis, when its occurrences are those (each unchanged) and the cap
    // cuts them alike.
    const old = prev && f < prev.count.length ? prev.groupParts[f] : undefined;
    if (old && prev!.count[f] === gn && (prev!.groupBefore[f] === before || (old.length === all && emitted === all))) {
      const p0 = prev!.start[f];
      const pidx = prev!.idx;
      let same = true;
      for (let j = 0; j < gn && same; j++) same = map(idx[s0 + j]) === pidx[p0 + j];
      if (same) parts = old;
      else parts = patchParts(ms, ls, rangeOf, idx, s0, gn, threshold, old, prev!, p0, map);
    }
    parts ??= overusedParts(en, ms, ls, rangeOf, idx.subarray(s0, s0 + gn), threshold, emitted, texts, textsOf);
    let found = parts === old ? prev!.groupFindings[f] : undefined;
    if (!found) {
      found = new Array<Finding>(parts.length);
      for (let j = 0; j < parts.length; j++) {
        const p = parts[j];
        // (Every field, in the order of finding(), as for the hints above.)
        found[j] = { code: 'cliche-overused', severity: 'warning', range: p.range, message: p.message, fixes: undefined, related: undefined, detail: p.detail };
      }
    }
    for (let j = 0; j < found.length; j++) out.push(found[j]);
    overused += parts.length;
    groupParts[f] = parts;
    groupFindings[f] = found;
    groupBefore[f] = before;
  }

  if (keep) {
    const proses = new Array<string>(lc);
    for (let i = 0; i < lc; i++) proses[i] = lines[i].prose;
    previous.set(doc.uri, { matcher, en, threshold, fixes: wantFixes, detail: wantDetail, proses, found, ms, ls, ranges, fixFor: fixes, count, start, idx, groupParts, groupBefore, hints, groupFindings });
  }
  return out;
}

/**
 * A family's findings from the last analysis's, when only the columns of some occurrences changed: the same
 * number of occurrences, each on the same line with the same phrase, so every message says the same (counts,
 * numbers and other lines) and only the ranges of the moved occurrences differ. A finding whose occurrence
 * moved gets its new range; the others are the old ones. Undefined when the family changed more than that.
 */
function patchParts(
  ms: readonly ClicheMatch[],
  ls: readonly number[],
  rangeOf: (k: number) => Range,
  idx: Int32Array,
  s0: number,
  n: number,
  threshold: number,
  old: OverusedParts[],
  prev: Previous,
  p0: number,
  map: (k: number) => number,
): OverusedParts[] | undefined {
  const pidx = prev.idx;
  for (let j = 0; j < n; j++) {
    const k = idx[s0 + j];
    const pk = pidx[p0 + j];
    if (ls[k] !== prev.ls[pk] || ms[k].text !== prev.ms[pk].text) return undefined;
  }
  const parts: OverusedParts[] = new Array(old.length);
  for (let q = 0; q < old.length; q++) {
    const k = idx[s0 + q + threshold - 1];
    const o = old[q];
    parts[q] = map(k) === pidx[p0 + q + threshold - 1] ? o : { range: rangeOf(k), message: o.message, detail: o.detail };
  }
  return parts;
}

/**
 * The overused findings of one family (`group`: its occurrences' indices in document order, at least
 * `threshold` of them): one for each occurrence from the threshold on, the first `emitted` of them.
 *
 * Linear in the group: the distinct lines (in order, with counts) once, and each finding lists its first 12
 * other lines from them (a family can occur thousands of times in a long document; listing all of them in
 * each finding would be quadratic in time and memory). Its other occurrences are the editor's to show, all
 * at once, where the cursor rests on one (familyOccurrences). Written with plain loops and helpers of its own,
 * no closures or array callbacks: it is hot in a one-shot run, and the optimising compiler spent ~100 ms
 * (twice 50) on the version with them, more than the function ever ran.
 */
function overusedParts(
  en: boolean,
  ms: readonly ClicheMatch[],
  ls: readonly number[],
  rangeOf: (k: number) => Range,
  group: Int32Array,
  threshold: number,
  emitted: number,
  texts: readonly (PhraseTexts | undefined)[],
  textsOf: (k: number) => PhraseTexts,
): OverusedParts[] {
  const n = group.length;
  const label = ms[group[0]].label;
  let isFamily = false;
  for (let j = 0; j < n; j++) if (ms[group[j]].text !== label) isFamily = true;
  // The distinct lines and how many occurrences each holds (the group is in document order).
  const uniq: number[] = [];
  const perLine: number[] = [];
  for (let j = 0; j < n; j++) {
    const line = ls[group[j]];
    if (uniq.length && uniq[uniq.length - 1] === line) perLine[perLine.length - 1]++;
    else {
      uniq.push(line);
      perLine.push(1);
    }
  }
  // A line among the first 13 has a list of its own; the others share one of two (a line holding only this
  // occurrence is left out of "more"): each is built once.
  const own: (string | undefined)[] = [];
  const common: (string | undefined)[] = [undefined, undefined];
  const parts: OverusedParts[] = [];
  // Each finding's message is its phrase's head, its number and its lines' tail: two joins per finding, where
  // a whole template made a dozen strings for each of thousands of findings.
  const heads = new Map<string, string>();
  let u = 0; // the index in uniq of occurrence i's line
  for (let i = threshold - 1; i < n && parts.length < emitted; i++) {
    const k = group[i];
    const line = ls[k];
    while (u < uniq.length - 1 && uniq[u] !== line) u++;
    const solo = perLine[u] === 1;
    const tail = u < 13 ? (own[u] ??= overusedTail(uniq, line, solo, en)) : (common[solo ? 1 : 0] ??= overusedTail(uniq, line, solo, en));
    const text = ms[k].text;
    let head = heads.get(text);
    if (head === undefined) heads.set(text, (head = overusedHead(en, isFamily, label, text, n)));
    parts.push({ range: rangeOf(k), message: head + (i + 1) + tail, detail: (texts[ms[k].pattern] ?? textsOf(k)).detail });
  }
  return parts;
}

/**
 * The end of an overused finding's message, from just after its number (the same for every finding that names
 * the same lines, so built once for them): the other lines it names — the first 12 of the family's distinct
 * lines (`uniq`, in order) but its own when it is alone there, and "等" (…) when there are more — and what to do.
 */
function overusedTail(uniq: readonly number[], line: number, solo: boolean, en: boolean): string {
  const numbers: string[] = [];
  for (let j = 0; j < uniq.length && j < 13 && numbers.length < 12; j++) if (!solo || uniq[j] !== line) numbers.push(String(uniq[j] + 1));
  const joined = numbers.join(en ? ', ' : '、');
  const more = uniq.length - (solo ? 1 : 0) > 12;
  if (en) {
    return flat` (the others are on line${numbers.length > 1 ? 's' : ''} ${joined}${more ? ', …' : ''}). Repeating one stock phrase leaves the reader with the slogan, not the content (${PRACTICE_EN}). Keep the one that matters and make the others concrete or delete them.`;
  }
  // 第 5、9 行, 第 5、9 等行: a space between a number and 行 or 等, none between 等 and 行.
  return flat` 次（其余在第 ${joined}${more ? ' 等' : ' '}行）。同一套话反复使用，读者只记住口号、记不住内容（${PRACTICE}）。保留最必要的一处，其余改为具体内容或删去。`;
}

/**
 * The start of an overused finding's message, up to its number: the phrase (in a family, the family and this
 * phrase) and how often the family occurs. The same for every occurrence of that phrase in the family.
 */
function overusedHead(en: boolean, isFamily: boolean, label: string, text: string, n: number): string {
  if (en) return flat`${isFamily ? `"${label}" phrases (here "${text}")` : `"${text}"`} appear ${n} times; this is number `;
  return flat`${isFamily ? `“${label}”类说法（此处为“${text}”）` : `“${text}”`}在本文出现 ${n} 次，这是第 `;
}

/**
 * Where a position lies in a dictionary phrase (the cursor on it, or just after it): every occurrence of that
 * phrase's family in the document, the one at the position included, in document order. These are the
 * occurrences an overused finding counts. Undefined elsewhere, and where both cliché codes are off. The
 * editor highlights them all (textDocument/documentHighlight): the overused finding names the first lines,
 * the highlights show the rest, on demand instead of in every list of diagnostics.
 */
export function familyOccurrences(doc: GwDocument, line: number, character: number, options: Partial<CheckOptions> = {}): Range[] | undefined {
  const rules = options.rules ?? {};
  if (rules.cliche === 'off' && rules['cliche-overused'] === 'off') return undefined;
  const l = doc.lines[line];
  if (!l || l.blank) return undefined;
  const matcher = getClicheMatcher(options.extraCliches ?? [], options.allow ?? []);
  const kept = keptFor(doc, matcher);
  const here = kept ? kept.found[line] ?? [] : matcher.find(l.prose);
  // In a phrase, or right after one (where the cursor stands once it is typed) when no phrase starts there.
  const at = here.find((m) => m.start <= character && character < m.end) ?? here.find((m) => m.end === character);
  if (!at) return undefined;
  const family = at.familyId;
  const out: Range[] = [];
  if (kept) {
    // The family's occurrences side by side in idx, each with its range.
    for (let j = kept.start[family], end = j + kept.count[family]; j < end; j++) out.push(kept.ranges[kept.idx[j]]);
    return out;
  }
  for (const other of doc.lines) {
    if (other.blank) continue;
    const found = other === l ? here : matcher.find(other.prose);
    for (let k = 0; k < found.length; k++) if (found[k].familyId === family) out.push(doc.range(other.index, found[k].start, found[k].end));
  }
  return out;
}

/**
 * What the last check of this very text kept (while typing: every line's matches, and every occurrence with its
 * range, grouped by family), for familyOccurrences: a few array reads instead of reading every line again,
 * which took ~2-12 ms in a 1 MB draft, and an editor asks at every cursor move. Undefined when nothing was
 * kept for this text and matcher.
 */
function keptFor(doc: GwDocument, matcher: ClicheMatcher): Previous | undefined {
  const prev = previous.get(doc.uri);
  const lines = doc.lines;
  if (!prev || prev.matcher !== matcher || prev.proses.length !== lines.length) return undefined;
  // (The model hands unchanged lines over as the very strings: mostly pointer comparisons.)
  for (let i = 0; i < lines.length; i++) if (prev.proses[i] !== lines[i].prose) return undefined;
  return prev;
}

export const clicheRules: RuleFamily = {
  name: 'cliche',
  codes: [
    { code: 'cliche', severity: 'hint', zh: '套话、空话（词典中的说法），悬停可见类别、原因和改法', en: 'A stock phrase from the dictionary; the hover gives its category, why and what to write instead' },
    { code: 'cliche-overused', severity: 'warning', zh: '同一套话（或同一类说法）在文中第三次及以后出现', en: 'The same stock phrase (or family) used for the third time or more' },
  ],
  check,
};
