// Aho–Corasick over UTF-16 code units: one pass over the text finds every dictionary phrase, however many
// phrases there are. Matching is on characters; there are no word boundaries in Chinese text to rely on.
//
// The automaton is flat, in typed arrays: the trie is built from the patterns in sorted order (each pattern
// shares its prefix with the one before it, so no child lookup is needed while building), each state's
// transitions are a run of (character, target) pairs sorted by character, and the root's transitions are one
// table over all code units. No object is allocated per state, and a scan reads only typed arrays.
import { writeUtf16 } from '../chars';
import { Layout, type Kernel } from '../kernel';

export interface AcMatch {
  /** Code-unit offsets in the scanned text, end exclusive. */
  start: number;
  end: number;
  /** Index of the pattern in the list the automaton was built from. */
  pattern: number;
}

/** Root table value of a code unit that occurs in no pattern: any state falls back to the root on it. */
const ABSENT = -1;

export class AhoCorasick {
  readonly lengths: number[];
  /** Number of states, the root included. */
  private readonly n: number;
  /** State reached from the root on a code unit; 0 when none starts there, ABSENT when no pattern has it. */
  private readonly root: Int32Array;
  /** Transitions of state s (s > 0): edgeChar/edgeTo[edgeStart[s] .. edgeStart[s + 1]), by character. */
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTo: Int32Array;
  /** Failure link: the state of the longest proper suffix that is also a trie path. */
  private readonly fail: Int32Array;
  /** The pattern that ends exactly at a state, or -1. */
  private readonly out: Int32Array;
  /** First state at or down the failure chain that ends a pattern, or -1: where reporting starts. */
  private readonly firstOut: Int32Array;
  /** Next state strictly down the failure chain that ends a pattern, or -1. */
  private readonly dict: Int32Array;

  /**
   * `tables`: the automaton of the same patterns as tables() gave it (a copy compiled ahead, see
   * dictionary.ts): taken as they are when they were made from exactly these patterns, otherwise the automaton
   * is built.
   */
  constructor(readonly patterns: readonly string[], tables?: Int32Array) {
    const count = patterns.length;
    this.lengths = new Array<number>(count);
    let chars = 0;
    for (let i = 0; i < count; i++) chars += this.lengths[i] = patterns[i].length;
    const t = tables && readTables(tables, patterns, this.lengths);
    if (t) {
      this.n = t.n;
      this.root = t.root;
      this.edgeStart = t.edgeStart;
      this.edgeChar = t.edgeChar;
      this.edgeTo = t.edgeTo;
      this.fail = t.fail;
      this.out = t.out;
      this.firstOut = t.firstOut;
      this.dict = t.dict;
      return;
    }

    // Patterns in code-unit order (equal ones by index, so the first keeps the state, as documented below).
    const order: number[] = [];
    for (let i = 0; i < count; i++) if (patterns[i].length) order.push(i);
    order.sort((a, b) => {
      const x = patterns[a];
      const y = patterns[b];
      return x < y ? -1 : x > y ? 1 : a - b;
    });

    // The trie in depth-first order: a pattern continues the path of the one before it from their common
    // prefix on. Children of a state are therefore created in increasing character order.
    const max = chars + 1;
    const label = new Uint16Array(max);
    const parent = new Int32Array(max);
    const childCount = new Int32Array(max);
    const out = new Int32Array(max).fill(-1);
    const path = new Int32Array(16);
    let pathStates = path;
    let n = 1;
    let prev = '';
    for (const idx of order) {
      const p = patterns[idx];
      if (pathStates.length <= p.length) {
        const grown = new Int32Array(2 * p.length + 1);
        grown.set(pathStates);
        pathStates = grown;
      }
      let l = 0;
      const lim = Math.min(prev.length, p.length);
      while (l < lim && prev.charCodeAt(l) === p.charCodeAt(l)) l++;
      let s = pathStates[l];
      for (let d = l; d < p.length; d++) {
        const t = n++;
        label[t] = p.charCodeAt(d);
        parent[t] = s;
        childCount[s]++;
        pathStates[d + 1] = t;
        s = t;
      }
      // The first of two equal patterns keeps the state; callers remove duplicates first.
      if (out[s] < 0) out[s] = idx;
      prev = p;
    }
    this.n = n;

    // Transitions: states in creation order fill their parent's run in increasing character order.
    const edgeStart = new Int32Array(n + 1);
    for (let s = 0; s < n; s++) edgeStart[s + 1] = edgeStart[s] + childCount[s];
    const fill = edgeStart.slice(0, n);
    const edgeChar = new Uint16Array(n);
    const edgeTo = new Int32Array(n);
    const root = new Int32Array(65536).fill(ABSENT);
    for (let t = 1; t < n; t++) {
      const c = label[t];
      root[c] = 0;
      const e = fill[parent[t]]++;
      edgeChar[e] = c;
      edgeTo[e] = t;
    }
    for (let e = edgeStart[0]; e < edgeStart[1]; e++) root[edgeChar[e]] = edgeTo[e];
    this.root = root;
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeTo = edgeTo;

    // Failure links breadth first: a state's link is known before its children's.
    const fail = new Int32Array(n);
    const dict = new Int32Array(n).fill(-1);
    const firstOut = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let qn = 0;
    for (let e = edgeStart[0]; e < edgeStart[1]; e++) queue[qn++] = edgeTo[e];
    for (let qi = 0; qi < qn; qi++) {
      const s = queue[qi];
      for (let e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
        const c = edgeChar[e];
        const t = edgeTo[e];
        let f = fail[s];
        let g = this.child(f, c);
        while (g < 0 && f !== 0) {
          f = fail[f];
          g = this.child(f, c);
        }
        fail[t] = g > 0 && g !== t ? g : 0;
        const ft = fail[t];
        dict[t] = out[ft] >= 0 ? ft : dict[ft];
        queue[qn++] = t;
      }
    }
    for (let s = 1; s < n; s++) firstOut[s] = out[s] >= 0 ? s : dict[s];
    this.fail = fail;
    this.out = out;
    this.dict = dict;
    this.firstOut = firstOut;
  }

  get stateCount(): number {
    return this.n;
  }

  /**
   * The automaton as one Int32Array, for a copy compiled ahead of time: a header (format, state count,
   * pattern count, the patterns' code units and the trailer's length), then root, edgeStart, edgeTo, fail,
   * out, firstOut, dict, the patterns' lengths, the 16-bit edgeChar and the patterns' text packed two to an
   * element, then `trailer` (what the caller keeps with the automaton; storedTrailer() gives it back).
   * new AhoCorasick(patterns, tables) takes them back without building anything.
   */
  tables(trailer: Int32Array = NO_TRAILER): Int32Array {
    const n = this.n;
    const count = this.patterns.length;
    let units = 0;
    for (let i = 0; i < count; i++) units += this.lengths[i];
    const layout = tableLayout(n, count, units, trailer.length);
    const t = new Int32Array(layout.size);
    t[0] = TABLES_FORMAT;
    t[1] = n;
    t[2] = count;
    t[3] = units;
    t[4] = trailer.length;
    t.set(this.root, layout.root);
    t.set(this.edgeStart, layout.edgeStart);
    t.set(this.edgeTo, layout.edgeTo);
    t.set(this.fail, layout.fail);
    t.set(this.out, layout.out);
    t.set(this.firstOut, layout.firstOut);
    t.set(this.dict, layout.dict);
    t.set(this.lengths, layout.lengths);
    new Uint16Array(t.buffer, t.byteOffset + layout.edgeChar * 4, n).set(this.edgeChar);
    const text = new Uint16Array(t.buffer, t.byteOffset + layout.text * 4, units);
    let at = 0;
    for (const p of this.patterns) for (let i = 0; i < p.length; i++) text[at++] = p.charCodeAt(i);
    t.set(trailer, layout.trailer);
    return t;
  }

  /**
   * The patterns tables() was made from, in order, or undefined when the tables are malformed: a matcher
   * compiled ahead of time takes its phrase list from there instead of expanding its dictionary again.
   */
  static storedPatterns(t: Int32Array): string[] | undefined {
    const s = storedText(t);
    if (!s) return undefined;
    const out = new Array<string>(s.count);
    for (let i = 0, at = 0; i < s.count; i++) out[i] = s.text.slice(at, (at += s.lengths[i]));
    return out;
  }

  /** The trailer tables() was given (a view), or undefined when the tables are malformed. */
  static storedTrailer(t: Int32Array): Int32Array | undefined {
    const layout = checkedLayout(t);
    return layout && t.subarray(layout.trailer, layout.size);
  }

  /** The state reached from s on code unit c, or -1. */
  private child(s: number, c: number): number {
    if (s === 0) {
      const t = this.root[c];
      return t > 0 ? t : -1;
    }
    const edgeChar = this.edgeChar;
    const end = this.edgeStart[s + 1];
    for (let e = this.edgeStart[s]; e < end; e++) {
      const x = edgeChar[e];
      if (x === c) return this.edgeTo[e];
      if (x > c) break;
    }
    return -1;
  }

  /** Calls `hit` for every occurrence of every pattern in text[from, to), in order of their end. */
  scan(text: string, hit: (start: number, end: number, pattern: number) => void, from = 0, to = text.length): void {
    const n = this.collect(text, from, to);
    const buf = this.hits;
    for (let i = 0; i < 3 * n; i += 3) hit(buf[i], buf[i + 1], buf[i + 2]);
  }

  /**
   * Every occurrence in text[from, to) as (start, end, pattern) triples in `buf` from index 0, in order of
   * their end; returns how many. The buffer grows as needed: the caller reads the result from `this.hits`.
   * The one walk of the automaton (scan() reads its triples): a callback per hit for 20,000 lines of a long
   * document was a tenth of the cliché family.
   */
  collect(text: string, from = 0, to = text.length): number {
    const { root, edgeStart, edgeChar, edgeTo, fail, out, firstOut, dict, lengths } = this;
    let buf = this.hits;
    let k = 0;
    let s = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const r = root[c];
      // A code unit no pattern has, or none starts with at the root: back to the root.
      if (r === ABSENT || (r === 0 && s === 0)) {
        s = 0;
        continue;
      }
      if (s === 0) s = r;
      else {
        // s > 0: its transition on c, or down the failure chain; at the root, where c leads from there (r, or 0).
        for (;;) {
          let t = -1;
          const end = edgeStart[s + 1];
          for (let e = edgeStart[s]; e < end; e++) {
            const x = edgeChar[e];
            if (x === c) {
              t = edgeTo[e];
              break;
            }
            if (x > c) break;
          }
          if (t >= 0) {
            s = t;
            break;
          }
          s = fail[s];
          if (s === 0) {
            s = r;
            break;
          }
        }
      }
      for (let o = firstOut[s]; o >= 0; o = dict[o]) {
        if (k + 3 > buf.length) buf = this.growHits();
        const p = out[o];
        buf[k++] = i + 1 - lengths[p];
        buf[k++] = i + 1;
        buf[k++] = p;
      }
    }
    return k / 3;
  }

  /**
   * collect() over a whole text of lines at once, by the kernel (kernel.wat `scan`): the occurrences in `text`
   * with each line of `lines` read as its prose (the same length as its text), as (start, end, pattern)
   * triples in document offsets, in order of their end, and how many. Line by line, collect() finds the same:
   * no pattern holds a line break, so none spans one. Undefined when the kernel cannot take the text (a
   * pattern with a line break, or memory it cannot have).
   */
  collectCompiled(k: Kernel, text: string, lines: readonly { start: number; text: string; prose: string }[]): { hits: Int32Array; count: number } | undefined {
    if (this.root[0x0a] !== ABSENT || this.root[0x0d] !== ABSENT) return undefined;
    const n = text.length;
    for (let cap = 3 * (n + 16); cap <= 3 * 64 * (n + 16); cap *= 4) {
      const layout = new Layout();
      const textAt = layout.take(2 * n);
      const rootAt = layout.put(this.root);
      const edgeStartAt = layout.put(this.edgeStart);
      const edgeCharAt = layout.put(this.edgeChar);
      const edgeToAt = layout.put(this.edgeTo);
      const failAt = layout.put(this.fail);
      const firstOutAt = layout.put(this.firstOut);
      const dictAt = layout.put(this.dict);
      const outAt = layout.put(this.out);
      const lengthsAt = layout.put(this.lengths);
      const hitsAt = layout.take(4 * cap);
      const buf = layout.buffer(k);
      if (!buf) return undefined;
      writeUtf16(buf, textAt, text);
      // Each line whose prose is not its text (Markdown, a BOM, a directive) written over it.
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (l.prose !== l.text) writeUtf16(buf, textAt + 2 * l.start, l.prose);
      }
      const count = k.scan(textAt, n, rootAt, edgeStartAt, edgeCharAt, edgeToAt, failAt, firstOutAt, dictAt, outAt, lengthsAt, hitsAt, cap);
      if (count >= 0) return { hits: new Int32Array(buf, hitsAt, 3 * count).slice(), count };
    }
    return undefined;
  }

  /** Scratch space of collect(): start, end, pattern per occurrence. Read it right after the call. */
  hits: Int32Array = new Int32Array(96);

  /** `hits`, twice as long, what it held kept. */
  growHits(): Int32Array {
    const grown = new Int32Array(this.hits.length * 2);
    grown.set(this.hits);
    return (this.hits = grown);
  }

  /** Every occurrence, overlapping ones included. */
  findAll(text: string, from = 0, to = text.length): AcMatch[] {
    const out: AcMatch[] = [];
    this.scan(text, (start, end, pattern) => out.push({ start, end, pattern }), from, to);
    return out;
  }

  /**
   * Non-overlapping occurrences, chosen left to right: the leftmost start wins, and at one start the longest
   * pattern wins. An occurrence nested in a longer one (圆满成功 inside 取得了圆满成功) is not reported again.
   */
  findLongest(text: string, from = 0, to = text.length): AcMatch[] {
    return leftmostLongest(this.findAll(text, from, to));
  }
}

/** Version of the tables() layout; tables of another version are not read. */
const TABLES_FORMAT = 0x41430002;
const HEADER = 5;
const NO_TRAILER = new Int32Array(0);

/**
 * Where each array starts in tables() (in 32-bit elements) for n states and `count` patterns of `units` code
 * units in all, followed by a trailer of `trailer` elements; and the total size.
 */
function tableLayout(n: number, count: number, units: number, trailer: number) {
  const root = HEADER;
  const edgeStart = root + 65536;
  const edgeTo = edgeStart + n + 1;
  const fail = edgeTo + n;
  const out = fail + n;
  const firstOut = out + n;
  const dict = firstOut + n;
  const lengths = dict + n;
  const edgeChar = lengths + count;
  const text = edgeChar + ((n + 1) >> 1);
  const end = text + ((units + 1) >> 1);
  return { root, edgeStart, edgeTo, fail, out, firstOut, dict, lengths, edgeChar, text, trailer: end, size: end + trailer };
}

/** The layout of well-formed tables (format, header and size agree), else undefined. */
function checkedLayout(t: Int32Array) {
  if (t.length < HEADER || t[0] !== TABLES_FORMAT) return undefined;
  const [, n, count, units, trailer] = t;
  if (!(n >= 1 && count >= 0 && units >= 0 && trailer >= 0)) return undefined;
  const layout = tableLayout(n, count, units, trailer);
  return t.length === layout.size ? layout : undefined;
}

/** The patterns' text and lengths stored in tables. */
function storedText(t: Int32Array): { text: string; lengths: Int32Array; count: number } | undefined {
  const layout = checkedLayout(t);
  if (!layout) return undefined;
  const count = t[2];
  const lengths = t.subarray(layout.lengths, layout.lengths + count);
  let units = 0;
  for (let i = 0; i < count; i++) units += lengths[i];
  if (units !== t[3]) return undefined;
  // One native decode (a loop of charCodeAt over 18,000 code units cost a one-shot check ~5 ms unoptimised).
  const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(new Uint16Array(t.buffer, t.byteOffset + layout.text * 4, units));
  return { text, lengths, count };
}

/**
 * The arrays of tables() as views (no copy), or undefined when they are not for these patterns (the same
 * lengths and the same text, in order) or malformed.
 */
function readTables(t: Int32Array, patterns: readonly string[], lengths: readonly number[]) {
  const s = storedText(t);
  if (!s || s.count !== patterns.length) return undefined;
  for (let i = 0; i < s.count; i++) if (s.lengths[i] !== lengths[i]) return undefined;
  if (patterns.join('') !== s.text) return undefined;
  const n = t[1];
  const layout = tableLayout(n, s.count, t[3], t[4]);
  const view = (at: number, len: number) => t.subarray(at, at + len);
  return {
    n,
    root: view(layout.root, 65536),
    edgeStart: view(layout.edgeStart, n + 1),
    edgeTo: view(layout.edgeTo, n),
    fail: view(layout.fail, n),
    out: view(layout.out, n),
    firstOut: view(layout.firstOut, n),
    dict: view(layout.dict, n),
    edgeChar: new Uint16Array(t.buffer, t.byteOffset + layout.edgeChar * 4, n),
  };
}

/** Picks non-overlapping matches: sorted by start, longer first at one start, then taken greedily. */
export function leftmostLongest(matches: AcMatch[]): AcMatch[] {
  if (matches.length < 2) return matches;
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AcMatch[] = [];
  let lastEnd = -1;
  for (const m of matches) {
    if (m.start < lastEnd) continue;
    out.push(m);
    lastEnd = m.end;
  }
  return out;
}

/**
 * The same choice as leftmostLongest over `count` (start, end, pattern) triples in `hits` (as collect() leaves
 * them), in place: the chosen triples are moved to the front in order and their number is returned.
 */
export function leftmostLongestInPlace(hits: Int32Array, count: number): number {
  if (count < 2) return count;
  // Insertion sort by start, then longer first: a line holds a handful of occurrences.
  for (let i = 1; i < count; i++) {
    const s = hits[3 * i];
    const e = hits[3 * i + 1];
    const p = hits[3 * i + 2];
    let j = i - 1;
    while (j >= 0 && (hits[3 * j] > s || (hits[3 * j] === s && hits[3 * j + 1] < e))) {
      hits[3 * j + 3] = hits[3 * j];
      hits[3 * j + 4] = hits[3 * j + 1];
      hits[3 * j + 5] = hits[3 * j + 2];
      j--;
    }
    hits[3 * j + 3] = s;
    hits[3 * j + 4] = e;
    hits[3 * j + 5] = p;
  }
  let k = 0;
  let lastEnd = -1;
  for (let i = 0; i < count; i++) {
    const s = hits[3 * i];
    if (s < lastEnd) continue;
    lastEnd = hits[3 * i + 1];
    hits[3 * k] = s;
    hits[3 * k + 1] = lastEnd;
    hits[3 * k + 2] = hits[3 * i + 2];
    k++;
  }
  return k;
}
