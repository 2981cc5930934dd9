// The 套话 dictionary: the built-in entries (server/data/cliches.json, bundled by esbuild), user extras and the
// allow list, compiled into one Aho–Corasick automaton that is built once per process and rebuilt only when
// the extras or the allow list change.
import { lineCaches } from '../cache';
import data from '../../../data/cliches.json';
import { getKernel, KERNEL_MIN_UNITS } from '../kernel';
import type { Line } from '../model';
import { AhoCorasick, leftmostLongestInPlace } from './automaton';

export const CATEGORIES = [
  '空喊重视',
  '空喊落实',
  '成效无据',
  '空泛判断',
  '过度修饰',
  '冗余强调',
  '穿靴戴帽式开头',
  '无信息转承',
  '口号堆砌',
  '表态套话',
  '陈旧比喻',
  '程式化结尾',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** English names and fallbacks for entries that carry no English of their own. */
export const CATEGORY_EN: Record<Category, { name: string; why: string; advice: string }> = {
  空喊重视: {
    name: 'empty emphasis',
    why: 'declares that something matters without showing any action taken.',
    advice: 'Show the attention instead: who leads, which meeting decided what, what money and deadline.',
  },
  空喊落实: {
    name: 'empty call to act',
    why: 'asks for implementation without saying what, by whom or by when.',
    advice: 'Write the task, the unit responsible and the deadline.',
  },
  成效无据: {
    name: 'unsupported result',
    why: 'claims a result without a number or a source.',
    advice: 'Give the figure, what it is compared with, and where it comes from.',
  },
  空泛判断: {
    name: 'vague judgement',
    why: 'a judgement that fits any document and tells the reader nothing.',
    advice: 'State the concrete reason or fact, or delete the sentence.',
  },
  过度修饰: {
    name: 'over-decoration',
    why: 'praise or decoration that adds no fact.',
    advice: 'Drop the adjective and describe what was actually done.',
  },
  冗余强调: {
    name: 'redundant intensifier',
    why: 'an intensifier the verb already implies.',
    advice: 'Delete the intensifier; if degree matters, give a number.',
  },
  穿靴戴帽式开头: {
    name: 'boilerplate opening',
    why: 'a ritual opening that delays the point.',
    advice: 'Start with the basis (document and number) or the matter itself.',
  },
  无信息转承: {
    name: 'empty transition',
    why: 'a transition that carries no information.',
    advice: 'Delete it and let the next sentence stand on its own.',
  },
  口号堆砌: {
    name: 'slogan',
    why: 'a slogan that repeats a stance instead of stating a task.',
    advice: 'Keep at most one and write the concrete target.',
  },
  表态套话: {
    name: 'formulaic pledge',
    why: 'a pledge of attitude with no commitment in it.',
    advice: 'Write what will be done and when.',
  },
  陈旧比喻: {
    name: 'worn metaphor',
    why: 'a metaphor used so often that it no longer means anything specific.',
    advice: 'Say plainly what the metaphor stands for.',
  },
  程式化结尾: {
    name: 'formulaic ending',
    why: 'a ritual ending that adds nothing.',
    advice: 'End with the last concrete requirement.',
  },
};

export interface ClicheEntry {
  /** The phrase, or a family such as 进一步{加强|深化}. */
  phrase: string;
  category: string;
  why: string;
  advice: string;
  /** For a pure intensifier: the part of the phrase that can be deleted. */
  delete?: string;
  whyEn?: string;
  adviceEn?: string;
}

export interface ClicheFile {
  version?: number;
  entries: ClicheEntry[];
}

/** The shipped dictionary. */
export const BUILTIN: readonly ClicheEntry[] = (data as ClicheFile).entries;

const MAX_EXPANSIONS = 256;

/**
 * Expands a pattern family: every {a|b|c} group (not nested) is replaced by each alternative in turn, an empty
 * alternative makes a part optional. Throws on a malformed pattern.
 */
export function expandPattern(pattern: string): string[] {
  let out = [''];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '{') {
      const close = pattern.indexOf('}', i + 1);
      if (close < 0) throw new Error(`unclosed { in ${pattern}`);
      const body = pattern.slice(i + 1, close);
      if (body.includes('{')) throw new Error(`nested { in ${pattern}`);
      const alts = body.split('|');
      const next: string[] = [];
      for (const o of out) for (const a of alts) next.push(o + a);
      out = next;
      if (out.length > MAX_EXPANSIONS) throw new Error(`${pattern} expands to more than ${MAX_EXPANSIONS} phrases`);
      i = close + 1;
    } else if (ch === '}' || ch === '|') {
      throw new Error(`stray ${ch} in ${pattern}`);
    } else {
      let j = i;
      while (j < pattern.length && !'{}|'.includes(pattern[j])) j++;
      const lit = pattern.slice(i, j);
      out = out.map((o) => o + lit);
      i = j;
    }
  }
  return [...new Set(out)].filter((p) => p.length > 0);
}

/** How a family reads in messages: each group becomes …, so 进一步{加强|深化} reads 进一步…. */
export function familyLabel(pattern: string): string {
  if (!pattern.includes('{')) return pattern;
  return pattern.replace(/\{[^{}]*\}/g, '…').replace(/…+/g, '…');
}

/**
 * Whether the phrases of an entry count together for overuse. They do when the entry shares a stem of two or
 * more characters outside its groups (进一步{加强|深化}, {实现|推动|}高质量发展): that is one habit written
 * several ways. An entry that is only a list of alternatives ({开阔眼界|转变观念}) groups unrelated phrases
 * under one explanation, and each phrase counts on its own.
 */
export function isFamily(pattern: string): boolean {
  return pattern.replace(/\{[^{}]*\}/g, '').length >= 2 && pattern.includes('{');
}

/**
 * Problems with one entry, empty when it is usable. The shipped data must use a known category; user extras
 * may name their own.
 */
export function validateEntry(e: unknown, strictCategory = false): string[] {
  const errs: string[] = [];
  if (!e || typeof e !== 'object' || Array.isArray(e)) return ['entry is not an object'];
  const o = e as Record<string, unknown>;
  const str = (k: string, required: boolean) => {
    const v = o[k];
    if (v === undefined) {
      if (required) errs.push(`missing ${k}`);
      return undefined;
    }
    if (typeof v !== 'string' || !v.trim()) {
      errs.push(`${k} is not a non-empty string`);
      return undefined;
    }
    return v;
  };
  const phrase = str('phrase', true);
  const category = str('category', true);
  str('why', true);
  str('advice', true);
  const del = str('delete', false);
  str('whyEn', false);
  str('adviceEn', false);
  for (const k of Object.keys(o)) {
    if (!['phrase', 'category', 'why', 'advice', 'delete', 'whyEn', 'adviceEn'].includes(k)) errs.push(`unknown property ${k}`);
  }
  if (category && strictCategory && !(CATEGORIES as readonly string[]).includes(category)) errs.push(`unknown category ${category}`);
  if (phrase) {
    try {
      const all = expandPattern(phrase);
      if (!all.length) errs.push('phrase is empty');
      if (all.some((p) => p.length < 2)) errs.push(`${phrase} expands to a phrase shorter than 2 characters`);
      if (del && all.some((p) => !p.includes(del))) errs.push(`delete "${del}" is not part of every phrase of ${phrase}`);
    } catch (err) {
      errs.push((err as Error).message);
    }
  }
  return errs;
}

/** Where one expanded phrase leads: an entry, or an allow-list phrase that masks what it contains. */
interface PatternInfo {
  text: string;
  /** Index into ClicheMatcher.entries, or -1 for a phrase that is only on the allow list. */
  entry: number;
  allowed: boolean;
}

export interface ClicheMatch {
  start: number;
  end: number;
  text: string;
  entry: ClicheEntry;
  /** Occurrences that count together for overuse share this key: the entry for a family, else the phrase. */
  family: string;
  /** How the family reads in messages: 进一步… for a family, the phrase itself otherwise. */
  label: string;
  /** Index of the matched phrase in the matcher's phrase list (the same phrase, the same index). */
  pattern: number;
  /** A number per family key, from 0, for this matcher: equal keys, equal numbers. */
  familyId: number;
}

/** The result of a line without clichés, shared (read only). */
const NO_MATCHES: ClicheMatch[] = [];

export class ClicheMatcher {
  readonly entries: ClicheEntry[] = [];
  private readonly patterns: PatternInfo[] = [];
  private textIndex: Map<string, number> | undefined;
  private readonly ac: AhoCorasick;

  constructor(extra: readonly unknown[] = [], allow: readonly string[] = []) {
    // The built-in dictionary alone, compiled ahead of time: its phrases and their entries come with the
    // automaton (expanding 453 entries into 2,605 phrases cost a one-shot check ~10 ms).
    const pre = !extra.length && !allow.length && precompiled ? builtinPhrases(precompiled) : undefined;
    if (pre) {
      for (const e of BUILTIN) this.entries.push(e);
      for (let i = 0; i < pre.texts.length; i++) this.patterns.push({ text: pre.texts[i], entry: pre.entries[i], allowed: false });
      this.ac = new AhoCorasick(pre.texts, precompiled);
      return;
    }
    const byText = this.byText;
    const add = (e: ClicheEntry) => {
      const idx = this.entries.length;
      this.entries.push(e);
      for (const p of expandPattern(e.phrase)) {
        const at = byText.get(p);
        // A later entry (a user's extra) takes the phrase over from an earlier one.
        if (at === undefined) {
          byText.set(p, this.patterns.length);
          this.patterns.push({ text: p, entry: idx, allowed: false });
        } else this.patterns[at].entry = idx;
      }
    };
    for (const e of BUILTIN) add(e);
    for (const e of extra) if (validateEntry(e).length === 0) add(e as ClicheEntry);
    for (const a of allow) {
      if (typeof a !== 'string' || !a.trim()) continue;
      let phrases: string[];
      try {
        phrases = expandPattern(a.trim());
      } catch {
        phrases = [a.trim()];
      }
      for (const p of phrases) {
        const at = byText.get(p);
        if (at !== undefined) this.patterns[at].allowed = true;
        else {
          byText.set(p, this.patterns.length);
          this.patterns.push({ text: p, entry: -1, allowed: true });
        }
      }
    }
    this.ac = new AhoCorasick(
      this.patterns.map((p) => p.text),
      precompiled,
    );
  }

  /** Phrase → its index in `patterns`; made when first asked for by a matcher compiled ahead of time. */
  private get byText(): Map<string, number> {
    let m = this.textIndex;
    if (!m) {
      m = this.textIndex = new Map();
      for (let i = 0; i < this.patterns.length; i++) m.set(this.patterns[i].text, i);
    }
    return m;
  }

  /**
   * The automaton's tables (what compileBuiltinAutomaton hands scripts/build.mjs), with what a matcher of the
   * built-in dictionary takes back from them: the dictionary's phrases as written (to check that they are still
   * the ones the tables were made from) and the entry of each expanded phrase.
   */
  automatonTables(): Int32Array {
    const source = builtinSource();
    const count = this.patterns.length;
    const trailer = new Int32Array(2 + count + ((source.length + 1) >> 1));
    trailer[0] = TRAILER_FORMAT;
    trailer[1] = source.length;
    for (let i = 0; i < count; i++) trailer[2 + i] = this.patterns[i].entry;
    const text = new Uint16Array(trailer.buffer, (2 + count) * 4, source.length);
    for (let i = 0; i < source.length; i++) text[i] = source.charCodeAt(i);
    return this.ac.tables(trailer);
  }

  get phraseCount(): number {
    return this.patterns.length;
  }

  /**
   * The clichés in text[from, to): non-overlapping, leftmost first and longest at one start. Text covered by
   * an allowed phrase is never reported, nor is anything nested inside it.
   */
  find(text: string, from = 0, to = text.length): readonly ClicheMatch[] {
    // A whole line is looked up in the cache first: while someone types, every line but one is unchanged,
    // so the automaton runs over the edited line only. The matches are shared: callers must not mutate them.
    const whole = lineCaches.enabled && from === 0 && to === text.length;
    if (whole) {
      const hit = this.lineCache.get(text) ?? this.oldLineCache.get(text);
      if (hit) {
        this.remember(text, hit);
        return hit;
      }
    }
    const ac = this.ac;
    const found = ac.collect(text, from, to);
    // (ac.hits read after collect(), which may have grown it into a new array.)
    const out = this.matchesOf(ac.hits, leftmostLongestInPlace(ac.hits, found));
    if (whole) this.remember(text, out);
    return out;
  }

  /**
   * find() for every line of a document at once, by the kernel (one scan of the whole text; kernel.ts), or
   * undefined where the kernel is off or cannot take the text: the caller asks find() line by line then. Entry i
   * is find(lines[i].prose), undefined for a blank line.
   */
  findInLines(text: string, lines: readonly Line[]): (readonly ClicheMatch[] | undefined)[] | undefined {
    const k = text.length >= KERNEL_MIN_UNITS ? getKernel() : null;
    const all = k ? this.ac.collectCompiled(k, text, lines) : undefined;
    if (!all) return undefined;
    const { hits, count } = all;
    const out = new Array<readonly ClicheMatch[] | undefined>(lines.length);
    let h = 0;
    for (let li = 0; li < lines.length; li++) {
      const l = lines[li];
      const start = l.start;
      const end = start + l.text.length;
      // This line's occurrences (they end in it, in order of their end) at columns, as collect() gives them.
      let buf = this.ac.hits;
      let c = 0;
      for (; h < count && hits[3 * h + 1] <= end; h++, c++) {
        if (3 * c + 3 > buf.length) buf = this.ac.growHits();
        buf[3 * c] = hits[3 * h] - start;
        buf[3 * c + 1] = hits[3 * h + 1] - start;
        buf[3 * c + 2] = hits[3 * h + 2];
      }
      out[li] = l.blank ? undefined : this.matchesOf(buf, leftmostLongestInPlace(buf, c));
    }
    return out;
  }

  /** The matches of `count` (start, end, pattern) triples chosen by leftmostLongestInPlace, allowed ones left out. */
  private matchesOf(hits: Int32Array, count: number): ClicheMatch[] {
    let out: ClicheMatch[] = NO_MATCHES;
    for (let k = 0; k < 3 * count; k += 3) {
      const pattern = hits[k + 2];
      const p = this.patterns[pattern];
      if (p.allowed || p.entry < 0) continue;
      const names = this.names(pattern);
      if (out === NO_MATCHES) out = [];
      out.push({ start: hits[k], end: hits[k + 1], text: p.text, entry: this.entries[p.entry], family: names.family, label: names.label, pattern, familyId: names.id });
    }
    return out;
  }

  /** Line text → its matches, in two generations: the older is dropped once the newer fills up. */
  private lineCache = new Map<string, readonly ClicheMatch[]>();
  private oldLineCache = new Map<string, readonly ClicheMatch[]>();
  private static readonly LINE_CACHE_SIZE = 20_000;

  private remember(text: string, matches: readonly ClicheMatch[]): void {
    if (this.lineCache.has(text)) return;
    if (this.lineCache.size >= ClicheMatcher.LINE_CACHE_SIZE) {
      this.oldLineCache = this.lineCache;
      this.lineCache = new Map();
    }
    // A line is a slice of its document's whole text; keep a copy of its own so that the cache never holds
    // an old version of a large document alive.
    this.lineCache.set(text.length > 12 ? (text + '\0').slice(0, -1) : text, matches);
  }

  /**
   * Family key, its number and label of a pattern, computed once per pattern instead of once per match; whether
   * an entry is a family, and its label, once per entry (a 1 MB draft matches ~2,000 phrases of ~450 entries).
   * Both lists are made at their full length on first use: filled in the order phrases are first met, a list
   * grown one far index at a time would turn into a slow dictionary.
   */
  private nameCache: ({ family: string; label: string; id: number } | undefined)[] | undefined;
  private entryNames: ({ fam: boolean; label: string } | undefined)[] | undefined;
  private readonly familyIds = new Map<string, number>();

  /** How many family numbers have been handed out (ClicheMatch.familyId is below this). */
  get familyCount(): number {
    return this.familyIds.size;
  }

  private names(pattern: number): { family: string; label: string; id: number } {
    const cache = (this.nameCache ??= new Array(this.patterns.length));
    let v = cache[pattern];
    if (!v) {
      const p = this.patterns[pattern];
      const byEntry = (this.entryNames ??= new Array(this.entries.length));
      let e = byEntry[p.entry];
      if (!e) {
        const phrase = this.entries[p.entry].phrase;
        const fam = isFamily(phrase);
        e = byEntry[p.entry] = { fam, label: fam ? familyLabel(phrase) : '' };
      }
      const family = e.fam ? `#${p.entry}` : p.text;
      let id = this.familyIds.get(family);
      if (id === undefined) this.familyIds.set(family, (id = this.familyIds.size));
      v = { family, label: e.fam ? e.label : p.text, id };
      cache[pattern] = v;
    }
    return v;
  }

  /** The entry an exact phrase belongs to, unless it is allowed. */
  lookup(phrase: string): { entry: ClicheEntry; family: string; label: string } | undefined {
    const at = this.byText.get(phrase);
    if (at === undefined) return undefined;
    const p = this.patterns[at];
    if (p.allowed || p.entry < 0) return undefined;
    const entry = this.entries[p.entry];
    const fam = isFamily(entry.phrase);
    return { entry, family: fam ? `#${p.entry}` : phrase, label: fam ? familyLabel(entry.phrase) : phrase };
  }
}

/**
 * The built-in dictionary's automaton compiled ahead of time (scripts/build.mjs writes dist/cliches.ac, which
 * gongwen-lint and the server read: server/src/precompiled.ts): building it costs ~20 ms, reading it nothing.
 * A matcher whose phrases are not exactly the ones it was made from (user extras, an allow list, a changed
 * dictionary) builds its own.
 */
let precompiled: Int32Array | undefined;

/** Version of what automatonTables() keeps after the automaton. */
const TRAILER_FORMAT = 0x47570001;

/** The built-in entries' phrases as written, one per line: what the expanded phrases were made from. */
function builtinSource(): string {
  return BUILTIN.map((e) => e.phrase).join('\n');
}

/**
 * The built-in dictionary's expanded phrases and each one's entry, from tables automatonTables() made of the
 * dictionary as it is now; undefined for tables of another dictionary (or of the built-in one with extras).
 */
function builtinPhrases(tables: Int32Array): { texts: string[]; entries: Int32Array } | undefined {
  const texts = AhoCorasick.storedPatterns(tables);
  const trailer = AhoCorasick.storedTrailer(tables);
  if (!texts || !trailer || trailer.length < 2 || trailer[0] !== TRAILER_FORMAT) return undefined;
  const count = texts.length;
  const units = trailer[1];
  if (!(units >= 0) || trailer.length !== 2 + count + ((units + 1) >> 1)) return undefined;
  const source = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(new Uint16Array(trailer.buffer, trailer.byteOffset + (2 + count) * 4, units));
  if (source !== builtinSource()) return undefined;
  const entries = trailer.subarray(2, 2 + count);
  for (let i = 0; i < count; i++) if (!(entries[i] >= 0 && entries[i] < BUILTIN.length)) return undefined;
  return { texts, entries };
}

/** Hands matchers made from now on a precompiled automaton (undefined: none). */
export function usePrecompiledAutomaton(tables: Int32Array | undefined): void {
  precompiled = tables;
}

/** The automaton of the built-in dictionary (no extras, no allow list) as tables, for dist/cliches.ac. */
export function compileBuiltinAutomaton(): Int32Array {
  return new ClicheMatcher().automatonTables();
}

let cache: { key: string; matcher: ClicheMatcher } | undefined;

/**
 * The process-wide matcher. Built lazily on first use; rebuilt only when the extras or the allow list differ
 * in content from the last call (the key is their JSON text, so a fresh but equal array costs nothing).
 */
export function getClicheMatcher(extra: readonly unknown[] = [], allow: readonly string[] = []): ClicheMatcher {
  const key = extra.length || allow.length ? JSON.stringify([extra, allow]) : '';
  if (!cache || cache.key !== key) cache = { key, matcher: new ClicheMatcher(extra, allow) };
  return cache.matcher;
}

/** Drops the built matcher and its line cache (tests compare a warm, cached run with a cold one). */
export function resetClicheMatcher(): void {
  cache = undefined;
}

/** English name of a category, or the category itself for a user's own. */
export function categoryEn(category: string): string {
  return (CATEGORY_EN as Record<string, { name: string }>)[category]?.name ?? category;
}
