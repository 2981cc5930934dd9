// 套话: every occurrence of a dictionary phrase (`cliche`, a hint with the why and the advice in its hover),
// and the same phrase or family used again and again (`cliche-overused`, from the threshold on).
import { categoryEn, CATEGORY_EN, Category, ClicheEntry, ClicheMatch, getClicheMatcher } from '../cliche/dictionary';
import type { Finding, Fix, Range, RelatedInfo } from '../types';
import type { RuleContext, RuleFamily } from './api';

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
    for (const m of matcher.find(l.prose)) out.push({ start: m.start, end: m.end, text: m.text, entry: m.entry, family: m.family, label: m.label, line: l.index });
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
  const e = o.entry;
  const en = enOf(e);
  const del = e.delete ? ctx.t(`\n\n可直接删去“${e.delete}”，句意不变。`, `\n\nDeleting "${e.delete}" leaves the meaning intact.`) : '';
  return ctx.t(
    `**套话 · ${e.category}**：“${o.text}”\n\n**为什么**：${e.why}\n\n**怎么改**：${e.advice}${del}`,
    `**Stock phrase · ${en.name}** (${e.category}): "${o.text}"\n\n**Why**: ${en.why}${e.whyEn ? '' : ` (${e.why})`}\n\n**Instead**: ${en.advice}${e.adviceEn ? '' : ` (${e.advice})`}${del}`,
  );
}

function deleteFix(ctx: RuleContext, o: ClicheOccurrence): Fix | undefined {
  const del = o.entry.delete;
  if (!del) return undefined;
  const at = o.text.indexOf(del);
  if (at < 0) return undefined;
  const start = o.start + at;
  // Not preferred: deleting an intensifier is a style choice (进一步 may refer to earlier measures), so fix-all
  // and `gongwen-lint --fix` leave it to the writer.
  return {
    title: ctx.t(`删去“${del}”`, `Delete "${del}"`),
    edits: [{ range: ctx.doc.range(o.line, start, start + del.length), newText: '' }],
  };
}

/** Related locations per overused finding: this many occurrences on each side of it. */
const RELATED_EACH_SIDE = 2;

/**
 * At most this many findings of each code per document. A pathological file (a phrase pasted a hundred
 * thousand times) would otherwise produce hundreds of thousands of hints that no editor can show usefully;
 * counting for overuse still sees every occurrence.
 */
export const MAX_FINDINGS_PER_CODE = 5000;

/** Message and hover per dictionary entry and matched phrase; weak keys, so a replaced matcher's go with it. */
const textsZh = new WeakMap<ClicheEntry, Map<string, { message: string; detail: string }>>();
const textsEn = new WeakMap<ClicheEntry, Map<string, { message: string; detail: string }>>();

function check(ctx: RuleContext): Finding[] {
  const { t, doc } = ctx;
  // Which language t() picks, asked once: messages built per occurrence below build that one only.
  const en = t('zh', 'en') === 'en';
  const occ = findCliches(ctx);
  const out: Finding[] = [];
  const range = (o: ClicheOccurrence): Range => doc.range(o.line, o.start, o.end);

  // The message and hover of one phrase are the same wherever it occurs: build each once and share it
  // (a long document holds thousands of occurrences of a few hundred phrases), and keep them across changes
  // for the entry objects of the current matcher, per language.
  const texts = en ? textsEn : textsZh;
  const textsOf = (o: ClicheOccurrence) => {
    let byText = texts.get(o.entry);
    if (!byText) texts.set(o.entry, (byText = new Map()));
    let v = byText.get(o.text);
    if (!v) {
      const e = o.entry;
      const en = enOf(e);
      v = {
        message: t(
          `套话“${o.text}”（${e.category}）：${noPeriod(e.why)}（${PRACTICE}）。建议：${e.advice}`,
          `Stock phrase "${o.text}" (${en.name}): ${noPeriod(en.why)} (${PRACTICE_EN}). ${en.advice}`,
        ),
        detail: clicheDetail(ctx, o),
      };
      byText.set(o.text, v);
    }
    return v;
  };
  for (const o of occ) {
    if (out.length >= MAX_FINDINGS_PER_CODE) break;
    const fix = deleteFix(ctx, o);
    const { message, detail } = textsOf(o);
    out.push({
      code: 'cliche',
      severity: 'hint',
      range: range(o),
      message,
      detail,
      fixes: fix ? [fix] : undefined,
    });
  }

  const threshold = Math.max(2, Math.floor(Number(ctx.options.overuseThreshold) || 3));
  const byFamily = new Map<string, ClicheOccurrence[]>();
  for (const o of occ) {
    let g = byFamily.get(o.family);
    if (!g) byFamily.set(o.family, (g = []));
    g.push(o);
  }
  let overused = 0;
  for (const group of byFamily.values()) {
    if (group.length < threshold) continue;
    if (overused >= MAX_FINDINGS_PER_CODE) break;
    const label = group[0].label;
    const isFamily = group.some((o) => o.text !== label);
    const n = group.length;
    // One range per occurrence, shared by the related information of its neighbours' findings (read only).
    const ranges: (Range | undefined)[] = new Array(n);
    const rangeIn = (j: number): Range => (ranges[j] ??= range(group[j]));
    // Linear in the group: the distinct lines (sorted, with counts) once, each finding lists its first
    // 12 other lines from them, and relates to its nearest other occurrences only (a family can occur
    // thousands of times in a long document; all-to-all would be quadratic in time and memory).
    const lineCount = new Map<number, number>();
    for (const o of group) lineCount.set(o.line, (lineCount.get(o.line) ?? 0) + 1);
    const uniq = [...lineCount.keys()].sort((a, b) => a - b);
    const head = uniq.slice(0, 13);
    const otherLines = (o: ClicheOccurrence): { shown: number[]; more: boolean } => {
      const solo = lineCount.get(o.line) === 1;
      const shown = solo ? head.filter((l) => l !== o.line) : head.slice();
      const total = uniq.length - (solo ? 1 : 0);
      return { shown: shown.slice(0, 12), more: total > 12 };
    };
    // Most occurrences lie outside the first 13 lines and share one list (two: "more" counts a line holding
    // only this occurrence out): build each once.
    const common: ({ list: string[]; more: boolean; joined: string } | undefined)[] = [undefined, undefined];
    const listOf = (o: ClicheOccurrence): { list: string[]; more: boolean; joined: string } => {
      const of = () => {
        const { shown, more } = otherLines(o);
        const list = shown.map((l) => String(l + 1));
        return { list, more, joined: en ? list.join(', ') + (more ? ', …' : '') : list.join('、') + (more ? ' 等' : '') };
      };
      if (head.includes(o.line)) return of();
      const k = lineCount.get(o.line) === 1 ? 1 : 0;
      return (common[k] ??= of());
    };
    group.forEach((o, i) => {
      if (i + 1 < threshold || overused >= MAX_FINDINGS_PER_CODE) return;
      overused++;
      const from = Math.max(0, Math.min(i - RELATED_EACH_SIDE, n - 1 - 2 * RELATED_EACH_SIDE));
      const related: RelatedInfo[] = [];
      for (let j = from; j < n && related.length < 2 * RELATED_EACH_SIDE; j++) {
        if (j === i) continue;
        const x = group[j];
        related.push({ range: rangeIn(j), message: en ? `occurrence ${j + 1}: "${x.text}"` : `第 ${j + 1} 次：“${x.text}”` });
      }
      const { list, joined } = listOf(o);
      // Only the message in the user's language is built (thousands of these in a long document).
      let message: string;
      if (en) {
        const whatEn = isFamily ? `"${label}" phrases (here "${o.text}")` : `"${o.text}"`;
        message = `${whatEn} appear ${n} times; this is number ${i + 1} (the others are on line${list.length > 1 ? 's' : ''} ${joined}). Repeating one stock phrase leaves the reader with the slogan, not the content (${PRACTICE_EN}). Keep the one that matters and make the others concrete or delete them.`;
      } else {
        const what = isFamily ? `“${label}”类说法（此处为“${o.text}”）` : `“${o.text}”`;
        message = `${what}在本文出现 ${n} 次，这是第 ${i + 1} 次（其余在第 ${joined} 行）。同一套话反复使用，读者只记住口号、记不住内容（${PRACTICE}）。保留最必要的一处，其余改为具体内容或删去。`;
      }
      out.push({
        code: 'cliche-overused',
        severity: 'warning',
        range: range(o),
        message,
        detail: textsOf(o).detail,
        related,
      });
    });
  }
  return out;
}

export const clicheRules: RuleFamily = {
  name: 'cliche',
  codes: [
    { code: 'cliche', severity: 'hint', zh: '套话、空话（词典中的说法），悬停可见类别、原因和改法', en: 'A stock phrase from the dictionary; the hover gives its category, why and what to write instead' },
    { code: 'cliche-overused', severity: 'warning', zh: '同一套话（或同一类说法）在文中第三次及以后出现', en: 'The same stock phrase (or family) used for the third time or more' },
  ],
  check,
};
