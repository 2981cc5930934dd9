// Aho–Corasick over UTF-16 code units: one pass over the text finds every dictionary phrase, however many
// phrases there are. Matching is on characters; there are no word boundaries in Chinese text to rely on.

export interface AcMatch {
  /** Code-unit offsets in the scanned text, end exclusive. */
  start: number;
  end: number;
  /** Index of the pattern in the list the automaton was built from. */
  pattern: number;
}

export class AhoCorasick {
  /** Transitions of the trie, one map per state. */
  private readonly next: Map<number, number>[] = [new Map()];
  /** Failure link: the state of the longest proper suffix that is also a trie path. */
  private fail: Int32Array = new Int32Array(1);
  /** The pattern that ends exactly at a state, or -1. */
  private out: number[] = [-1];
  /** Nearest state down the failure chain that ends a pattern, or -1. */
  private dict: Int32Array = new Int32Array(1);
  readonly lengths: number[];

  constructor(readonly patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, i) => this.insert(p, i));
    this.link();
  }

  get stateCount(): number {
    return this.next.length;
  }

  private insert(p: string, index: number): void {
    if (!p) return;
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let t = this.next[s].get(c);
      if (t === undefined) {
        t = this.next.length;
        this.next.push(new Map());
        this.out.push(-1);
        this.next[s].set(c, t);
      }
      s = t;
    }
    // The first of two equal patterns keeps the state; callers remove duplicates first.
    if (this.out[s] < 0) this.out[s] = index;
  }

  private link(): void {
    const n = this.next.length;
    this.fail = new Int32Array(n);
    this.dict = new Int32Array(n).fill(-1);
    const queue: number[] = [];
    for (const t of this.next[0].values()) queue.push(t);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const [c, t] of this.next[s]) {
        let f = this.fail[s];
        while (f && !this.next[f].has(c)) f = this.fail[f];
        const g = this.next[f].get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        const ft = this.fail[t];
        this.dict[t] = this.out[ft] >= 0 ? ft : this.dict[ft];
        queue.push(t);
      }
    }
  }

  /**
   * The root's transitions as a flat table over UTF-16 code units (0 = none): most characters of a text
   * start no phrase, and a typed-array read is much cheaper than a Map lookup for them.
   */
  private rootTable(): Int32Array {
    if (!this.root) {
      this.root = new Int32Array(65536);
      for (const [c, t] of this.next[0]) this.root[c] = t;
    }
    return this.root;
  }
  private root?: Int32Array;

  /** Calls `hit` for every occurrence of every pattern in text[from, to), in order of their end. */
  scan(text: string, hit: (start: number, end: number, pattern: number) => void, from = 0, to = text.length): void {
    const root = this.rootTable();
    let s = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (s === 0) {
        s = root[c];
        if (s === 0) continue;
      } else {
        let t = this.next[s].get(c);
        while (t === undefined && s) {
          s = this.fail[s];
          t = s ? this.next[s].get(c) : root[c] || undefined;
        }
        s = t ?? 0;
      }
      for (let o = this.out[s] >= 0 ? s : this.dict[s]; o >= 0; o = this.dict[o]) {
        const p = this.out[o];
        hit(i + 1 - this.lengths[p], i + 1, p);
      }
    }
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
