// A document-level summary of the findings: clichés per category, the most repeated phrases, counts per code.
// Serves the `gongwen/statistics` request and `gongwen-lint --stats`; plain data plus a plain-text renderer.
import { categoryEn, CATEGORIES, getClicheMatcher } from './cliche/dictionary';
import type { GwDocument } from './model';
import type { CheckOptions } from './rules/api';
import type { Finding, Locale } from './types';

export interface PhraseCount {
  /** The phrase, or a family label such as 进一步…. */
  phrase: string;
  count: number;
  /** 1-based lines where it occurs, in order, without duplicates. */
  lines: number[];
  category?: string;
}

export interface Statistics {
  /** Chinese characters in the document's prose (what the rules read). */
  hanCharacters: number;
  lines: number;
  findings: number;
  /** Findings per code, every code that occurs. */
  byCode: Record<string, number>;
  /** Cliché occurrences per category, most frequent first. */
  clichesByCategory: { category: string; count: number }[];
  /** Clichés (by family) used more than once, most frequent first, at most `top`. */
  topCliches: PhraseCount[];
  /** Phrases flagged by repeat-nearby, with how often they were flagged, most frequent first, at most `top`. */
  repeatedPhrases: PhraseCount[];
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]/g;

function textOf(doc: GwDocument, f: Finding): string {
  return doc.text.slice(doc.offsetAt(f.range.start), doc.offsetAt(f.range.end));
}

function push(map: Map<string, PhraseCount>, key: string, phrase: string, line: number, category?: string): void {
  let p = map.get(key);
  if (!p) map.set(key, (p = { phrase, count: 0, lines: [], category }));
  p.count++;
  if (p.lines[p.lines.length - 1] !== line + 1) p.lines.push(line + 1);
}

const byCount = (a: PhraseCount, b: PhraseCount) => b.count - a.count || a.lines[0] - b.lines[0];

/**
 * Summarises findings already computed for doc. Pass the options the findings were made with when they hold
 * extra dictionary entries, so user categories are counted too.
 */
export function statistics(doc: GwDocument, findings: Finding[], options: Partial<CheckOptions> = {}, top = 10): Statistics {
  const matcher = getClicheMatcher(options.extraCliches ?? [], options.allow ?? []);
  const byCode: Record<string, number> = {};
  const categories = new Map<string, number>();
  const cliches = new Map<string, PhraseCount>();
  const repeats = new Map<string, PhraseCount>();
  for (const f of findings) {
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    if (f.code === 'cliche') {
      const text = textOf(doc, f);
      const hit = matcher.lookup(text);
      const category = hit?.entry.category ?? '其他';
      categories.set(category, (categories.get(category) ?? 0) + 1);
      push(cliches, hit?.family ?? text, hit?.label ?? text, f.range.start.line, category);
    } else if (f.code === 'repeat-nearby') {
      const text = textOf(doc, f);
      const r = repeats.get(text);
      // A phrase flagged once is seen twice: count its first occurrence too.
      if (!r && f.related?.[0]) push(repeats, text, text, f.related[0].range.start.line);
      push(repeats, text, text, f.range.start.line);
    }
  }
  const order = CATEGORIES as readonly string[];
  const clichesByCategory = [...categories]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.category) - order.indexOf(b.category));
  let han = 0;
  for (const l of doc.lines) han += l.prose.match(HAN)?.length ?? 0;
  return {
    hanCharacters: han,
    lines: doc.lineCount,
    findings: findings.length,
    byCode,
    clichesByCategory,
    topCliches: [...cliches.values()].filter((p) => p.count > 1).sort(byCount).slice(0, top),
    repeatedPhrases: [...repeats.values()].sort(byCount).slice(0, top),
  };
}

/** Where a phrase occurs, the first 8 lines: "lines 1, 2, …" or 第 1、2 行 / 第 1、2 等行 (no space between 等 and 行). */
function lineList(lines: number[], en: boolean): string {
  const more = lines.length > 8;
  const shown = lines.slice(0, 8).join(en ? ', ' : '、');
  return en ? `lines ${shown}${more ? ', …' : ''}` : `第 ${shown}${more ? ' 等' : ' '}行`;
}

/** The summary as plain text, Chinese by default. */
export function formatStatistics(s: Statistics, locale: Locale = 'zh-cn'): string {
  const en = locale === 'en';
  const out: string[] = [];
  const clicheTotal = s.byCode['cliche'] ?? 0;
  if (en) {
    out.push(`${s.hanCharacters} Chinese characters, ${s.lines} lines, ${s.findings} findings.`);
    out.push(`Stock phrases: ${clicheTotal}` + (clicheTotal ? ` (${((clicheTotal * 1000) / Math.max(1, s.hanCharacters)).toFixed(1)} per 1000 characters)` : ''));
  } else {
    out.push(`全文 ${s.hanCharacters} 个汉字，${s.lines} 行，共 ${s.findings} 条提示。`);
    out.push(`套话：${clicheTotal} 处` + (clicheTotal ? `（每千字 ${((clicheTotal * 1000) / Math.max(1, s.hanCharacters)).toFixed(1)} 处）` : ''));
  }
  for (const c of s.clichesByCategory) out.push(`  ${en ? `${categoryEn(c.category)} (${c.category})` : c.category}: ${c.count}`.replace(': ', en ? ': ' : '：'));
  if (s.topCliches.length) {
    out.push(en ? 'Most used stock phrases:' : '用得最多的套话：');
    for (const p of s.topCliches) out.push(en ? `  "${p.phrase}" ×${p.count} (${lineList(p.lines, true)})` : `  “${p.phrase}” ${p.count} 次（${lineList(p.lines, false)}）`);
  }
  if (s.repeatedPhrases.length) {
    out.push(en ? 'Phrases repeated close together:' : '近距离重复的说法：');
    for (const p of s.repeatedPhrases) out.push(en ? `  "${p.phrase}" ×${p.count} (${lineList(p.lines, true)})` : `  “${p.phrase}” ${p.count} 次（${lineList(p.lines, false)}）`);
  }
  const codes = Object.keys(s.byCode).sort((a, b) => s.byCode[b] - s.byCode[a] || (a < b ? -1 : 1));
  if (codes.length) {
    out.push(en ? 'Findings by code:' : '各类提示数量：');
    for (const c of codes) out.push(`  ${c}: ${s.byCode[c]}`);
  }
  return out.join('\n') + '\n';
}
