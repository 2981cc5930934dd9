// Repetition the writer did not mean:
// - `repeat-nearby`: one phrase of 4 or more Chinese characters used twice within a short span
//   (CheckOptions.repeatWindow, default 100 characters from the start of one to the start of the other).
// - `repeat-successive`: a word typed twice in a row (的的, 了了, 我们我们, 进行进行), not legitimate
//   reduplication (常常, 看看, 的的确确, 不了了之, 市市场监管局 = 市 + 市场).
//
// How `repeat-nearby` decides (also in docs/rules.md):
// 1. It reads the prose with outline markers (一、（一）1.) and 序次语 (一是、二要、第一、首先) blanked, and only
//    runs of Chinese characters: a phrase never crosses punctuation or a line break, and the marker or
//    序次语 itself never takes part in a repeat.
// 2. One pass with a sliding window of hashed 4-grams: each 4-gram is looked up among the 4-grams of the last
//    `repeatWindow` characters (a ring buffer and a map that only ever hold the window; a hash hit is checked
//    character by character). A hit is extended forward to the longest common phrase; the second occurrence
//    is reported once, with the first as related information.
// 3. Parallel structure (排比) is skipped: both occurrences stand at the same place near the start of their
//    clauses (at most 6 characters in, the two offsets within 2 of each other — room for a subject such as
//    *市 or 我们看) and both clauses go on after the phrase with different words: 一是坚定不移地推进思想解放，
//    二是坚定不移地推进创新驱动; 看得最多的是产业，听得最多的是创新. A phrase that ends its clause in either
//    place (加强队伍建设。要加强队伍建设。) is a repeat, as is one deep inside a sentence. Two clauses side by side,
//    with one comma between them, may differ more in where the phrase starts: 主要负责同志要亲自抓，分管负责同志要具体抓.
// 4. Outline titles are labels, not prose: a phrase in a heading (一、议定事项) may repeat the sentence that
//    announces it (现将议定事项纪要如下), and sibling headings are parallel by construction. A repeat with either
//    occurrence in an outline title is skipped.
// 5. Topic terms are skipped: a phrase that occurs at least 4 times and in at least 3 of the document's 4
//    quarters recurs evenly by nature (营商环境 in a report on 营商环境). Counting happens only for the
//    candidate phrases and their 4-grams, with one automaton over them and one more pass over the text — no
//    table of every n-gram in the document. A candidate is skipped when, after removing the parts covered by
//    topic terms, fewer than 4 characters remain (优化营商环境 where 营商环境 is the topic).
// 6. Only the 正文 counts: a repeat with either occurrence in 标题, 题注, 主送机关, 署名, 成文日期, 抄送 or 印发
//    is skipped, since those repeat names by format.
// 7. Phrases on the allow list (or containing one) are never flagged.
import { lineCaches } from '../cache';
import { AhoCorasick } from '../cliche/automaton';
import type { Finding } from '../types';
import type { RuleContext, RuleFamily } from './api';

const PRACTICE = '惯例';
const PRACTICE_EN = 'practice';
const GRAM = 4;

export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3007;
}

/** Each line's prose with outline markers and 序次语 blanked to spaces (same length as the line). */
export function scanLines(ctx: RuleContext): string[] {
  const { doc } = ctx;
  const out = doc.lines.map((l) => l.prose);
  const blank = (line: number, start: number, end: number) => {
    const s = out[line];
    if (start >= end || start >= s.length) return;
    out[line] = s.slice(0, start) + ' '.repeat(Math.min(end, s.length) - start) + s.slice(Math.min(end, s.length));
  };
  for (const m of doc.markers) blank(m.line, m.start, m.end);
  for (const s of doc.series) for (const it of s.items) blank(it.line, it.start, it.end);
  return out;
}

// ---------------------------------------------------------------- repeat-nearby

interface Pos {
  line: number;
  col: number;
  off: number;
}

interface Candidate {
  first: Pos;
  second: Pos;
  len: number;
  text: string;
}

const SPACE = /[\s\u3000\u00a0]/;

/**
 * Characters of the phrase's clause before col: back to punctuation, a blanked marker or the line start.
 * Only whether it is at most PARALLEL_LEAD matters, so counting stops one past it: without the cap a
 * 10,000-character clause cost 10,000 steps per candidate (2.4 s for one line of 的).
 */
function clauseOffset(s: string, col: number): number {
  let k = col - 1;
  const stop = Math.max(-1, col - 2 - PARALLEL_LEAD);
  while (k > stop && !SPACE.test(s[k]) && (isHan(s.charCodeAt(k)) || /[0-9A-Za-z*＊×]/.test(s[k]))) k--;
  return col - 1 - k;
}

/**
 * Parallel clauses end alike after the shared phrase: 亲自抓 / 具体抓 end on the same character;
 * 问题 / 增长较快 do not. `first` is the first clause's rest up to its comma, `second` the second line's rest.
 */
function sameTail(first: string, second: string): boolean {
  const a = first.replace(/[，,；;、][\s\S]*$/, '');
  const m = /^[^，,；;、。！？!?]*/.exec(second);
  const b = m ? m[0] : second;
  if (!a || !b) return false;
  return a[a.length - 1] === b[b.length - 1];
}

/** How far into its clause a parallel item may start (the subject: *市, 三市, 我们看). */
const PARALLEL_LEAD = 6;

/** The clause goes on after col with more Chinese text. */
function clauseContinues(s: string, col: number): boolean {
  return col < s.length && (isHan(s.charCodeAt(col)) || /[0-9A-Za-z*＊×]/.test(s[col]));
}

function inTitle(ctx: RuleContext, p: Pos, len: number): boolean {
  const m = ctx.doc.markerAt(p.line);
  return !!m && p.col >= m.titleStart && p.col + len <= Math.max(m.titleEnd, m.titleStart);
}

/** The scan lines joined with line breaks of the document's own lengths: offsets equal document offsets. */
function joinScan(ctx: RuleContext, lines: string[]): string {
  const parts: string[] = [];
  ctx.doc.lines.forEach((l, i) => {
    parts.push(lines[i]);
    if (l.eol) parts.push(l.eol === '\r\n' ? '\n\n' : '\n');
  });
  return parts.join('');
}

const hash4 = (s: string, i: number) =>
  Math.imul(Math.imul(Math.imul(s.charCodeAt(i), 0x9e3779b1) ^ s.charCodeAt(i + 1), 0x85ebca6b) ^ s.charCodeAt(i + 2), 0xc2b2ae35) ^ s.charCodeAt(i + 3);

/** One repeat in offsets of the scanned text: the earlier start, the later start, the length. */
interface Pair {
  first: number;
  second: number;
  len: number;
}

/**
 * Pairs of equal phrases (4+ Chinese characters, no punctuation inside) whose starts lie at most `window`
 * apart, scanning text[from, to). One pass; the 4-grams of the last `window` characters live in a ring buffer
 * indexed by offset, and a map from hash to the latest offset, so memory is bounded by the window, not the
 * document. A pair's second occurrence depends only on the `window` characters before it: scanning from
 * `window` characters before a line start finds that line's pairs exactly as a scan of the whole text does
 * (a line break ends every run, so nothing carries over into the line but the window).
 */
function findPairs(text: string, window: number, from = 0, to = text.length): Pair[] {
  let size = 16;
  // A window wider than the text needs no bigger ring than the text (repeatWindow: 1e9 must not allocate 4 GB).
  while (size <= Math.min(window, to - from) + GRAM) size <<= 1;
  const mask = size - 1;
  const ringOff = new Int32Array(size).fill(-1);
  const ringHash = new Int32Array(size);
  const ringPrev = new Int32Array(size).fill(-1);
  const latest = new Map<number, number>();
  const out: Pair[] = [];
  /** The occurrence before `off` with the same hash, if its slot still holds it. */
  const previous = (off: number): number => {
    const slot = off & mask;
    return ringOff[slot] === off ? ringPrev[slot] : -1;
  };
  let coveredUntil = -1;
  let run = 0; // length of the run of Chinese characters ending at i
  for (let i = from; i < to; i++) {
    run = isHan(text.charCodeAt(i)) ? run + 1 : 0;
    if (run < GRAM) continue;
    const off = i - GRAM + 1;
    const h = hash4(text, off);
    if (off >= coveredUntil) {
      for (let p = latest.get(h) ?? -1; p >= 0 && off - p <= window; p = previous(p)) {
        if (p + GRAM > off) continue; // overlaps this one (哈哈哈哈哈)
        if (text.charCodeAt(p) !== text.charCodeAt(off) || text.charCodeAt(p + 1) !== text.charCodeAt(off + 1) || text.charCodeAt(p + 2) !== text.charCodeAt(off + 2) || text.charCodeAt(p + 3) !== text.charCodeAt(off + 3)) continue; // hash collision
        let len = GRAM;
        while (p + len < off && off + len < to && text.charCodeAt(p + len) === text.charCodeAt(off + len) && isHan(text.charCodeAt(off + len))) len++;
        out.push({ first: p, second: off, len });
        coveredUntil = off + len;
        break;
      }
    }
    const slot = off & mask;
    const old = ringOff[slot];
    if (old >= 0 && latest.get(ringHash[slot]) === old) latest.delete(ringHash[slot]);
    ringOff[slot] = off;
    ringHash[slot] = h;
    const before = latest.get(h);
    ringPrev[slot] = before !== undefined && off - before <= window ? before : -1;
    latest.set(h, off);
  }
  return out;
}

/** A line's pairs, offsets relative to the line's start (the first occurrence may lie on an earlier line). */
interface LinePair {
  first: number;
  second: number;
  len: number;
  text: string;
}

const NO_PAIRS: LinePair[] = [];

/**
 * Each line's pairs keyed by the scanned text from `window` characters before the line to its end, in two
 * generations like the doubled words: while someone types, only the edited line and the lines within `window`
 * after it are scanned again. Keys are copies, so no old version of a document stays alive. A document with
 * more lines than the cache holds is not cached (it would only evict itself).
 */
let pairCache = new Map<string, LinePair[]>();
let oldPairCache = new Map<string, LinePair[]>();
let pairCacheWindow = -1;
const PAIR_CACHE_SIZE = 20_000;

const ownCopy = (s: string) => (s.length > 12 ? (s + '\0').slice(0, -1) : s);

function rememberPairs(key: string, v: LinePair[]): void {
  if (pairCache.size >= PAIR_CACHE_SIZE) {
    oldPairCache = pairCache;
    pairCache = new Map();
  }
  pairCache.set(ownCopy(key), v);
}

/**
 * The candidates of the whole scanned text, in order of their second occurrence: the same as one findPairs
 * over the text, with lines whose window and text were seen before taken from the cache.
 */
function findCandidates(ctx: RuleContext, text: string, window: number): Candidate[] {
  const { doc } = ctx;
  const lines = doc.lines;
  const useCache = lineCaches.enabled && lines.length <= PAIR_CACHE_SIZE;
  if (pairCacheWindow !== window) {
    pairCache = new Map();
    oldPairCache = new Map();
    pairCacheWindow = window;
  }
  const perLine: (LinePair[] | undefined)[] = new Array(lines.length);
  const keys: string[] = useCache ? new Array(lines.length) : [];
  let misses = 0;
  if (useCache) {
    for (let li = 0; li < lines.length; li++) {
      const l = lines[li];
      const end = l.start + l.text.length;
      const key = text.slice(Math.max(0, l.start - window), end);
      keys[li] = key;
      let v = pairCache.get(key);
      if (!v) {
        v = oldPairCache.get(key);
        if (v) rememberPairs(key, v);
        else misses++;
      }
      perLine[li] = v;
    }
  }
  const rel = (pairs: Pair[], li: number, base: number) => {
    const out: LinePair[] = [];
    for (const p of pairs) {
      if (p.second < base) continue;
      const t = text.slice(p.second, p.second + p.len);
      out.push({ first: p.first - base, second: p.second - base, len: p.len, text: ownCopy(t) });
    }
    perLine[li] = out.length ? out : NO_PAIRS;
    if (useCache) rememberPairs(keys[li], perLine[li]!);
  };
  if (!useCache || misses > lines.length / 4) {
    // Cold (a new document, the command line): one pass over everything, then split by line.
    const all = findPairs(text, window);
    let k = 0;
    for (let li = 0; li < lines.length; li++) {
      const l = lines[li];
      const end = l.start + l.text.length;
      const from = k;
      while (k < all.length && all[k].second < end + 1) k++;
      if (perLine[li] === undefined) rel(all.slice(from, k), li, l.start);
    }
  } else {
    for (let li = 0; li < lines.length; li++) {
      if (perLine[li] !== undefined) continue;
      const l = lines[li];
      rel(findPairs(text, window, Math.max(0, l.start - window), l.start + l.text.length), li, l.start);
    }
  }
  const out: Candidate[] = [];
  for (let li = 0; li < lines.length; li++) {
    const base = lines[li].start;
    for (const p of perLine[li]!) {
      const f = doc.positionAt(base + p.first);
      out.push({ first: { line: f.line, col: f.character, off: base + p.first }, second: { line: li, col: p.second, off: base + p.second }, len: p.len, text: p.text });
    }
  }
  return out;
}

/** The topic-term automaton of the last phrase list and each line's hits on it (start, pattern, …). */
let topicScan: { phrases: string[]; index: Map<string, number>; ac: AhoCorasick; hits: Map<string, number[]>; old: Map<string, number[]> } | undefined;
const NO_HITS: number[] = [];
/** Phrases outside the automaton counted one by one with indexOf; more than this rebuilds it. */
const MAX_FRESH = 32;

function rememberHits(line: string, hits: number[]): void {
  const c = topicScan!;
  if (c.hits.has(line)) return;
  if (c.hits.size >= PAIR_CACHE_SIZE) {
    c.old = c.hits;
    c.hits = new Map();
  }
  c.hits.set(ownCopy(line), hits);
}

/** Phrases (and 4-grams) that recur evenly across the whole document: topic terms. */
function topicTerms(ctx: RuleContext, lines: string[], joined: string, cands: Candidate[]): Set<string> {
  const wanted = new Set<string>();
  for (const c of cands) {
    wanted.add(c.text);
    for (let i = 0; i + GRAM <= c.text.length; i++) wanted.add(c.text.slice(i, i + GRAM));
  }
  // The automaton is kept across changes with each line's hits keyed by the line's scanned text; counts of
  // phrases no longer wanted are simply unused (every occurrence of every phrase is reported whatever else is
  // in the list, so the counts are the same). A few phrases new since it was built (typing brings one now and
  // then) are counted with indexOf over the joined text instead; many of them rebuild it.
  const fresh: string[] = [];
  for (const w of wanted) if (!topicScan?.index.has(w)) fresh.push(w);
  if (!topicScan || fresh.length > MAX_FRESH) {
    const keep = topicScan && topicScan.phrases.length <= 4 * wanted.size + 256 ? topicScan.phrases : [];
    const phrases = keep.slice();
    const index = new Map<string, number>(phrases.map((p, i) => [p, i]));
    for (const w of wanted) {
      if (index.has(w)) continue;
      index.set(w, phrases.length);
      phrases.push(ownCopy(w));
    }
    topicScan = { phrases, index, ac: new AhoCorasick(phrases), hits: new Map(), old: new Map() };
    fresh.length = 0;
  }
  const { ac, phrases: all, index } = topicScan;
  const count = new Array<number>(all.length).fill(0);
  const quarters = new Array<number>(all.length).fill(0);
  const total = Math.max(1, ctx.doc.text.length);
  const useCache = lineCaches.enabled && lines.length <= PAIR_CACHE_SIZE;
  lines.forEach((s, li) => {
    const base = ctx.doc.lines[li].start;
    let hits = useCache ? topicScan!.hits.get(s) ?? topicScan!.old.get(s) : undefined;
    if (!hits) {
      const found: number[] = [];
      ac.scan(s, (start, _end, p) => found.push(start, p));
      hits = found.length ? found : NO_HITS;
    }
    if (useCache) rememberHits(s, hits);
    for (let k = 0; k < hits.length; k += 2) {
      const p = hits[k + 1];
      count[p]++;
      quarters[p] |= 1 << Math.min(3, Math.floor(((base + hits[k]) * 4) / total));
    }
  });
  const topic = new Set<string>();
  const isTopic = (n: number, q: number) => n >= 4 && (q & 1) + ((q >> 1) & 1) + ((q >> 2) & 1) + ((q >> 3) & 1) >= 3;
  for (const p of wanted) {
    const i = index.get(p);
    if (i !== undefined) {
      if (isTopic(count[i], quarters[i])) topic.add(p);
      continue;
    }
    // A phrase of Chinese characters never spans a line break: the joined text has the same occurrences
    // (overlapping ones included) at the same document offsets.
    let n = 0;
    let q = 0;
    for (let at = joined.indexOf(p); at >= 0; at = joined.indexOf(p, at + 1)) {
      n++;
      q |= 1 << Math.min(3, Math.floor((at * 4) / total));
    }
    if (isTopic(n, q)) topic.add(p);
  }
  return topic;
}

/** Fewer than 4 characters of the phrase are left once its topic-term 4-grams are taken out. */
function mostlyTopic(text: string, topic: Set<string>): boolean {
  if (topic.has(text)) return true;
  const covered = new Array<boolean>(text.length).fill(false);
  for (let i = 0; i + GRAM <= text.length; i++) {
    if (topic.has(text.slice(i, i + GRAM))) for (let k = i; k < i + GRAM; k++) covered[k] = true;
  }
  let run = 0;
  for (let k = 0; k < text.length; k++) {
    run = covered[k] ? 0 : run + 1;
    if (run >= GRAM) return false;
  }
  return true;
}

function outsideBody(ctx: RuleContext, line: number): boolean {
  const kind = ctx.doc.elements.at(line)?.kind;
  return kind !== undefined && kind !== 'body';
}

function allowed(text: string, allow: readonly string[]): boolean {
  return allow.some((a) => typeof a === 'string' && a.length >= 2 && (text.includes(a) || a.includes(text)));
}

function nearby(ctx: RuleContext, lines: string[]): Finding[] {
  const { t, doc } = ctx;
  const window = Math.max(GRAM, Math.floor(Number(ctx.options.repeatWindow) || 100));
  const joined = joinScan(ctx, lines);
  const cands = findCandidates(ctx, joined, window).filter((c) => {
    const a = lines[c.first.line];
    const b = lines[c.second.line];
    const da = clauseOffset(a, c.first.col);
    const db = clauseOffset(b, c.second.col);
    // Two clauses side by side (主要负责同志要亲自抓，分管负责同志要具体抓) are parallel even when their subjects
    // differ in length.
    const between = c.first.line === c.second.line ? a.slice(c.first.col + c.len, c.second.col) : undefined;
    const adjacent = between !== undefined && (between.match(/[，,；;、]/g) ?? []).length === 1 && !/[。！？!?]/.test(between) && sameTail(between, b.slice(c.second.col + c.len));
    const parallel =
      da <= PARALLEL_LEAD &&
      db <= PARALLEL_LEAD &&
      (Math.abs(da - db) <= 2 || adjacent) &&
      clauseContinues(a, c.first.col + c.len) &&
      clauseContinues(b, c.second.col + c.len);
    if (parallel) return false;
    if (inTitle(ctx, c.first, c.len) || inTitle(ctx, c.second, c.len)) return false;
    // 标题, 题注, 署名, 抄送 and the like repeat names by their format (会议名称 in a 决议's title, date line and
    // first sentence): only repeats inside the 正文 count.
    if (outsideBody(ctx, c.first.line) || outsideBody(ctx, c.second.line)) return false;
    return !allowed(c.text, ctx.options.allow ?? []);
  });
  if (!cands.length) return [];
  const topic = topicTerms(ctx, lines, joined, cands);
  const out: Finding[] = [];
  for (const c of cands) {
    if (mostlyTopic(c.text, topic)) continue;
    const dist = c.second.off - c.first.off;
    out.push({
      code: 'repeat-nearby',
      severity: 'information',
      range: doc.range(c.second.line, c.second.col, c.second.col + c.len),
      message: t(
        `“${c.text}”在 ${dist} 字之内重复出现（上一处在第 ${c.first.line + 1} 行）。相邻的句子用同一说法显得啰嗦（${PRACTICE}）。合并两处，或把这一处改为指代、换成更具体的说法。`,
        `"${c.text}" repeats within ${dist} characters (first on line ${c.first.line + 1}). Saying the same thing twice in a row reads as padding (${PRACTICE_EN}). Merge the two, refer back, or say something more specific here.`,
      ),
      related: [{ range: doc.range(c.first.line, c.first.col, c.first.col + c.len), message: t('上一处', 'previous occurrence') }],
    });
  }
  return out;
}

// ---------------------------------------------------------------- repeat-successive

/** Single characters that never legitimately double: a doubled one is a typing slip unless an exception holds. */
const SINGLE = new Set([...'的了着们及而于也被吗呢吧']);

/** The second copy starts a word of its own: 为了 + 了解, 以及 + 及时, 围绕着 + 着力, 目的 + 的. */
const SECOND_STARTS_WORD: Record<string, RegExp> = {
  的: /^确/,
  了: /^(解|结|却|然|如|无|断|得|不起|事|望|悟)/,
  着: /^(力|手|眼|重|实|想|落|装|陆|急|迷|火|凉|色|墨|笔|数)/,
  及: /^(时|早|格|其|至)/,
  而: /^(且|言|已|后|今|立|易)/,
  于: /^是/,
  也: /^(许|好|罢)/,
  被: /^(子|褥|动|告|迫|单|套)/,
};

/** The first copy ends a word: 目的 + 的, 有的 + 的. */
const FIRST_ENDS_WORD: Record<string, RegExp> = {
  的: /(目|标|有|端|打|真)$/,
  了: /(不|时)$/,
};

/** Reduplications of two-character words that are right as written (verbs and adjectives in ABAB form). */
export const ABAB_OK = new Set([
  '研究研究', '讨论讨论', '商量商量', '考虑考虑', '学习学习', '休息休息', '活动活动', '了解了解', '打听打听',
  '比较比较', '琢磨琢磨', '收拾收拾', '锻炼锻炼', '熟悉熟悉', '介绍介绍', '交流交流', '整理整理', '检查检查',
  '准备准备', '放松放松', '体验体验', '感受感受', '思考思考', '尝试尝试', '调整调整', '清理清理', '打扫打扫',
  '合计合计', '溜达溜达', '雪白雪白', '通红通红', '冰凉冰凉', '笔直笔直', '碧绿碧绿', '火热火热', '漆黑漆黑',
  '滚烫滚烫', '乌黑乌黑', '哗啦哗啦', '滴答滴答', '叮咚叮咚', '扑通扑通', '轰隆轰隆', '咕咚咕咚',
]);

/** Four-character idioms and set phrases that contain a doubled character on purpose. */
const IDIOMS = ['不了了之', '小时了了', '了了分明', '的的确确', '是是非非', '口口声声'];

interface Doubled {
  col: number;
  unit: string;
}

/** Doubled words in one line's prose, in order. Exported for tests. */
export function findDoubled(s: string): Doubled[] {
  const out: Doubled[] = [];
  const han = (k: number) => k >= 0 && k < s.length && isHan(s.charCodeAt(k));
  let i = 0;
  while (i < s.length) {
    if (!han(i)) {
      i++;
      continue;
    }
    let hit: Doubled | undefined;
    // One character: only the closed list, with its exceptions. (Compare codes first: most characters are
    // not doubled, and s[i] would allocate a string for each.)
    const ch = s.charCodeAt(i + 1) === s.charCodeAt(i) ? s[i] : '';
    if (ch && SINGLE.has(ch)) {
      const before = s.slice(Math.max(0, i - 3), i);
      const after = s.slice(i + 2, i + 6);
      const aabb = (han(i - 2) && s[i - 2] === s[i - 1]) || (han(i + 3) && s[i + 2] === s[i + 3]);
      const idiom = IDIOMS.some((w) => {
        for (let k = w.indexOf(ch + ch); k >= 0; k = w.indexOf(ch + ch, k + 1)) {
          if (i - k >= 0 && s.startsWith(w, i - k)) return true;
        }
        return false;
      });
      const exception = aabb || idiom || SECOND_STARTS_WORD[ch]?.test(after) || FIRST_ENDS_WORD[ch]?.test(before);
      if (!exception) hit = { col: i, unit: ch };
    }
    // Two to four characters: ABAB, ABCABC, ABCDABCD.
    for (let L = 2; !hit && L <= 4; L++) {
      if (!han(i + 2 * L - 1)) break;
      let same = true;
      for (let k = 0; k < L && same; k++) same = s.charCodeAt(i + k) === s.charCodeAt(i + L + k);
      if (!same) continue;
      const unit = s.slice(i, i + L);
      let allHan = true;
      for (let k = i; k < i + 2 * L; k++) if (!han(k)) allHan = false;
      if (!allHan) break;
      if (new Set(unit).size === 1) continue; // 哈哈哈哈: onomatopoeia
      if (unit[0] === '一') continue; // 一步一步, 一个一个
      if (L === 2 && ABAB_OK.has(unit + unit)) continue;
      hit = { col: i, unit };
    }
    if (hit) {
      out.push(hit);
      i += hit.unit.length; // a tripled word gives a second finding for the third copy
    } else i++;
  }
  return out;
}

/**
 * findDoubled per line text, in two generations (the older dropped once the newer fills up): while someone
 * types, every line but one is unchanged. Keys are copies, so no old version of a document stays alive.
 */
let doubledCache = new Map<string, Doubled[]>();
let oldDoubledCache = new Map<string, Doubled[]>();
const DOUBLED_CACHE_SIZE = 20_000;

/** Drops the cache (tests compare a warm, cached run with a cold one). */
export function resetRepeatCaches(): void {
  doubledCache = new Map();
  oldDoubledCache = new Map();
  pairCache = new Map();
  oldPairCache = new Map();
  topicScan = undefined;
}

function doubledIn(s: string): Doubled[] {
  if (!lineCaches.enabled) return findDoubled(s);
  let d = doubledCache.get(s);
  if (d) return d;
  d = oldDoubledCache.get(s) ?? findDoubled(s);
  if (doubledCache.size >= DOUBLED_CACHE_SIZE) {
    oldDoubledCache = doubledCache;
    doubledCache = new Map();
  }
  doubledCache.set(s.length > 12 ? (s + '\0').slice(0, -1) : s, d);
  return d;
}

function successive(ctx: RuleContext, lines: string[]): Finding[] {
  const { t, doc } = ctx;
  const out: Finding[] = [];
  const allow = ctx.options.allow ?? [];
  lines.forEach((s, li) => {
    if (doc.lines[li].blank) return;
    for (const d of doubledIn(s)) {
      const twice = d.unit + d.unit;
      if (allow.some((a) => typeof a === 'string' && a.includes(twice))) continue;
      const start = d.col + d.unit.length;
      const range = doc.range(li, start, start + d.unit.length);
      out.push({
        code: 'repeat-successive',
        severity: 'warning',
        range,
        message: t(
          `“${twice}”：“${d.unit}”连写了两次，疑为误输入（${PRACTICE}）。删去重复的“${d.unit}”；若是有意的叠用，可忽略此提示。`,
          `"${twice}": "${d.unit}" is written twice in a row, most likely a typing slip (${PRACTICE_EN}). Delete the second "${d.unit}"; ignore this if the doubling is intended.`,
        ),
        fixes: [{ title: t(`删去重复的“${d.unit}”`, `Delete the repeated "${d.unit}"`), edits: [{ range, newText: '' }], preferred: true }],
        related: [{ range: doc.range(li, d.col, d.col + d.unit.length), message: t('第一次', 'first copy') }],
      });
    }
  });
  return out;
}

function check(ctx: RuleContext): Finding[] {
  const lines = scanLines(ctx);
  const rules = ctx.options.rules ?? {};
  const out: Finding[] = [];
  if (rules['repeat-nearby'] !== 'off') out.push(...nearby(ctx, lines));
  if (rules['repeat-successive'] !== 'off') out.push(...successive(ctx, lines));
  return out;
}

export const repeatRules: RuleFamily = {
  name: 'repeat',
  codes: [
    {
      code: 'repeat-nearby',
      severity: 'information',
      zh: '同一个四字以上的说法在短距离内（默认 100 字）重复出现；排比、主题词和序次语除外',
      en: 'The same phrase of 4+ Chinese characters twice within a short span (default 100 characters); parallel structures, topic terms and ordinals excepted',
    },
    {
      code: 'repeat-successive',
      severity: 'warning',
      zh: '误叠的词（的的、了了、我们我们），正常的叠词（常常、看看、的的确确）除外',
      en: 'An accidentally doubled word (的的, 了了, 我们我们), legitimate reduplication (常常, 看看, 的的确确) excepted',
    },
  ],
  check,
};
