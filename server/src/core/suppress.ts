// Suppression comments and allowed phrases, applied to the findings of every rule family after the checks
// run, so that the editor and the command line honour the same comments.
//
// Forms (codes separated by spaces or commas; no code = every code):
//   <!-- gongwen-disable code… -->            off from this line on
//   <!-- gongwen-enable code… -->             on again from this line on
//   <!-- gongwen-disable-next-line code… -->  off on the next line that is not itself a directive
//   <!-- gongwen-disable-line code… -->       off on this line (the comment trails the text)
//   <!-- gongwen-allow phrase… -->            the phrases (separated by spaces) are not flagged as 套话 or repeats
// The HTML comment works in Markdown and in plain text. Plain text also takes `%% gongwen-…` (to the end of
// the line): %% never occurs in a real 公文, so neither form can be mistaken for text. Markdown prose blanks
// HTML comments, so directives are read from each line's `text`. A line that holds only directives never
// produces findings itself.
import { isSpace } from './chars';
import { expandPattern } from './cliche/dictionary';
import type { GwDocument, Line } from './model';
import type { Finding, TextEdit } from './types';

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'allow';

export interface Directive {
  kind: DirectiveKind;
  line: number;
  /** Codes (or phrases, for allow); empty = all codes. */
  args: string[];
  /** Columns of the whole comment in the line's text. */
  start: number;
  end: number;
  form: 'html' | 'percent';
}

const KINDS = 'disable-next-line|disable-line|disable|enable|allow';
const HTML_RE = new RegExp(`<!--\\s*gongwen-(${KINDS})(?=[\\s,-]|-->)([^]*?)-->`, 'g');
const PERCENT_RE = new RegExp(`%%\\s*gongwen-(${KINDS})(?=[\\s,]|$)(.*)$`);
const SPLIT = /[\s,，、;；]+/;

/** Codes of findings that point at a phrase: these are the ones an allowed phrase or pattern hides. */
export const PHRASE_CODES: ReadonlySet<string> = new Set(['cliche', 'cliche-overused', 'repeat-nearby', 'repeat-successive']);

/** Codes are separated by spaces or commas; allowed phrases by spaces only (各司其职、各负其责 is one phrase). */
function parseArgs(kind: string, s: string): string[] {
  return s.split(kind === 'allow' ? /\s+/ : SPLIT).filter(Boolean);
}

/** What every directive contains: a line without it holds none. */
export const DIRECTIVE_MARK = 'gongwen-';

/** Every directive in the document, in line order. */
export function parseDirectives(doc: GwDocument): Directive[] {
  const out: Directive[] = [];
  // One search of the whole text first: most documents have no directive, and a search per line cost twice as much.
  if (!doc.text.includes(DIRECTIVE_MARK)) return out;
  const plain = doc.format !== 'markdown';
  for (const l of doc.lines) {
    if (!l.text.includes(DIRECTIVE_MARK)) continue;
    HTML_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let first = -1;
    while ((m = HTML_RE.exec(l.text))) {
      out.push({ kind: m[1] as DirectiveKind, line: l.index, args: parseArgs(m[1], m[2]), start: m.index, end: m.index + m[0].length, form: 'html' });
      if (first < 0) first = m.index;
    }
    if (plain) {
      const p = PERCENT_RE.exec(l.text);
      // A %% directive runs to the end of the line; one inside an HTML directive's text does not count.
      if (p && !out.some((d) => d.line === l.index && d.start <= p.index && p.index < d.end)) {
        out.push({ kind: p[1] as DirectiveKind, line: l.index, args: parseArgs(p[1], p[2]), start: p.index, end: l.text.length, form: 'percent' });
      }
    }
  }
  return out;
}

/**
 * Blanks the directives in the prose (keeping its length), so that to every rule and to the model a line that
 * holds only directives is a blank line: a comment inserted above a line never changes how the text around
 * it is read (paragraphs, series, outline).
 */
export function maskDirectives(text: readonly string[], prose: string[], markdown: boolean): void {
  for (let i = 0; i < text.length; i++) {
    const t = text[i];
    if (!t.includes(DIRECTIVE_MARK)) continue;
    let p = prose[i];
    HTML_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HTML_RE.exec(t))) p = p.slice(0, m.index) + ' '.repeat(m[0].length) + p.slice(m.index + m[0].length);
    if (!markdown) {
      const q = PERCENT_RE.exec(t);
      if (q) p = p.slice(0, q.index) + ' '.repeat(t.length - q.index);
    }
    prose[i] = p;
  }
}

/** Whether a line holds directives and nothing else but white space. */
function directiveOnly(l: Line, dirs: Directive[]): boolean {
  let rest = l.text;
  for (const d of [...dirs].sort((a, b) => b.start - a.start)) rest = rest.slice(0, d.start) + rest.slice(d.end);
  return !rest.replace(/^\uFEFF/, '').trim();
}

// ---- allowed patterns ----

/** The longest text a user's regular expression is ever run against (a flagged phrase, never a whole line). */
export const PATTERN_INPUT_CAP = 64;
const PATTERN_SOURCE_CAP = 200;

/** Whether an allow entry is written as a regular expression: /…/ with optional flags i and u. */
export function isPatternEntry(s: string): boolean {
  return /^\/.+\/[iu]*$/s.test(s);
}

/**
 * Why a regular expression could take too long, or could not be compiled; undefined when it is usable.
 * Rejected: backreferences, a repeated group that itself holds a quantifier or an alternation ((a+)+, (a|aa)*,
 * the shapes behind catastrophic backtracking), and sources over 200 characters. Even an accepted pattern
 * only ever runs against one flagged phrase of at most 64 characters.
 */
export function patternProblem(entry: string): { zh: string; en: string } | undefined {
  const m = /^\/(.+)\/([iu]*)$/s.exec(entry);
  if (!m) return { zh: '正则表达式须写成 /…/ 的形式', en: 'a regular expression is written /…/' };
  const [, src, flags] = m;
  if (src.length > PATTERN_SOURCE_CAP) return { zh: `正则表达式超过 ${PATTERN_SOURCE_CAP} 个字符`, en: `the regular expression is longer than ${PATTERN_SOURCE_CAP} characters` };
  if (/\\[1-9]|\\k</.test(src)) return { zh: '正则表达式不能用反向引用（\\1、\\k<…>）', en: 'backreferences (\\1, \\k<…>) are not allowed' };
  try {
    new RegExp(src, flags);
  } catch (e) {
    return { zh: `正则表达式无法编译：${(e as Error).message}`, en: `the regular expression does not compile: ${(e as Error).message}` };
  }
  // Walk the source: for each group, note whether it holds a quantifier or an alternation; a group that does
  // and is itself repeated is a nested quantifier.
  const stack: { risky: boolean }[] = [];
  let lastGroupRisky = false;
  let lastWasGroup = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      lastWasGroup = false;
      continue;
    }
    if (c === '[') {
      // Skip a character class; quantifier characters inside it are literal.
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      i = j;
      lastWasGroup = false;
      continue;
    }
    if (c === '(') {
      stack.push({ risky: false });
      lastWasGroup = false;
      continue;
    }
    if (c === ')') {
      const g = stack.pop();
      lastGroupRisky = !!g?.risky;
      if (g?.risky && stack.length) stack[stack.length - 1].risky = true;
      lastWasGroup = true;
      continue;
    }
    const repeat = c === '*' || c === '+' || (c === '{' && /^\{\d*,?\d*\}/.test(src.slice(i)) && !/^\{0?,?[01]?\}/.test(src.slice(i)));
    if (repeat || c === '|') {
      if (repeat && lastWasGroup && lastGroupRisky) {
        return { zh: '正则表达式含嵌套量词（如 (a+)+、(a|aa)*），可能回溯失控', en: 'nested quantifiers such as (a+)+ or (a|aa)* can backtrack without end' };
      }
      if (stack.length) stack[stack.length - 1].risky = true;
    }
    if (c === '{') {
      const close = src.indexOf('}', i);
      if (close > i) i = close;
    }
    lastWasGroup = false;
  }
  return undefined;
}

const patternCache = new Map<string, RegExp | null>();

/** The compiled pattern of an allow entry, or undefined when it is not one or is not safe to run. */
export function compileAllowPattern(entry: string): RegExp | undefined {
  let re = patternCache.get(entry);
  if (re === undefined) {
    const m = /^\/(.+)\/([iu]*)$/s.exec(entry);
    re = m && !patternProblem(entry) ? new RegExp(m[1], m[2]) : null;
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(entry, re);
  }
  return re ?? undefined;
}

// ---- applying ----

interface Scope {
  all: boolean;
  codes: Set<string>;
}

const covers = (s: Scope | undefined, code: string) => !!s && (s.all || s.codes.has(code));

function addScope(map: Map<number, Scope>, line: number, args: string[]): void {
  let s = map.get(line);
  if (!s) map.set(line, (s = { all: false, codes: new Set() }));
  if (!args.length) s.all = true;
  for (const a of args) s.codes.add(a);
}

/** The phrase a finding points at: its text on its first line. */
function findingText(doc: GwDocument, f: Finding): string {
  const l = doc.lines[f.range.start.line];
  if (!l) return '';
  const end = f.range.end.line === f.range.start.line ? f.range.end.character : l.text.length;
  return l.text.slice(f.range.start.character, end);
}

/**
 * Drops the findings that directives or allowed phrases switch off. `findings` must be sorted by position
 * (checkDocument sorts them); the result keeps their order. `allow` is the configured allow list: its /…/
 * entries are run here (plain phrases are already honoured by the rules themselves).
 */
export function applySuppressions(doc: GwDocument, findings: Finding[], allow: readonly unknown[] = []): Finding[] {
  const patterns = allow.filter((a): a is string => typeof a === 'string' && isPatternEntry(a)).map(compileAllowPattern).filter((r): r is RegExp => !!r);
  const dirs = parseDirectives(doc);
  if (!dirs.length && !patterns.length) return findings;

  const byLine = new Map<number, Directive[]>();
  for (const d of dirs) {
    const list = byLine.get(d.line);
    if (list) list.push(d);
    else byLine.set(d.line, [d]);
  }
  const solo = new Set<number>();
  for (const [line, list] of byLine) if (directiveOnly(doc.lines[line], list)) solo.add(line);

  const sameLine = new Map<number, Scope>();
  // Phrases allowed by gongwen-allow comments, with the same meaning as the configured allow list (which the
  // rules apply themselves): an allowed phrase masks the clichés inside it (allowing 圆满成功 leaves
  // 取得了圆满成功 flagged), and a repeat that contains one or lies inside one.
  const allowed: string[] = [];
  const addAllowed = (a: string) => {
    try {
      allowed.push(...expandPattern(a.trim()));
    } catch {
      allowed.push(a.trim());
    }
  };
  const blocks: Directive[] = [];
  for (const d of dirs) {
    if (d.kind === 'disable-line') addScope(sameLine, d.line, d.args);
    else if (d.kind === 'disable-next-line') {
      let target = d.line + 1;
      while (solo.has(target)) target++;
      addScope(sameLine, target, d.args);
    } else if (d.kind === 'allow') d.args.forEach(addAllowed);
    else blocks.push(d);
  }
  // The same phrase is flagged many times in a long document: decide once per code and phrase.
  const decided = new Map<string, boolean>();
  const phraseAllowed = (code: string, text: string) => {
    if (!text) return false;
    const key = code + '\0' + text;
    let v = decided.get(key);
    if (v === undefined) {
      v =
        allowed.some((a) => a.length >= 2 && (a.includes(text) || (code.startsWith('repeat') && text.includes(a)))) ||
        patterns.some((re) => re.test(text.slice(0, PATTERN_INPUT_CAP)));
      decided.set(key, v);
    }
    return v;
  };

  // Sweep the findings in line order through the disable/enable blocks.
  let bi = 0;
  let allOff = false;
  const off = new Set<string>();
  const onDespiteAll = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const line = f.range.start.line;
    while (bi < blocks.length && blocks[bi].line <= line) {
      const b = blocks[bi++];
      if (b.kind === 'disable') {
        if (!b.args.length) (allOff = true), off.clear(), onDespiteAll.clear();
        else for (const c of b.args) off.add(c), onDespiteAll.delete(c);
      } else if (!b.args.length) (allOff = false), off.clear(), onDespiteAll.clear();
      else for (const c of b.args) off.delete(c), allOff && onDespiteAll.add(c);
    }
    if (solo.has(line)) continue;
    const here = byLine.get(line);
    if (here && here.some((d) => f.range.start.character < d.end && (f.range.end.line > line || f.range.end.character > d.start))) continue;
    if ((allOff && !onDespiteAll.has(f.code)) || off.has(f.code)) continue;
    if (covers(sameLine.get(line), f.code)) continue;
    if (PHRASE_CODES.has(f.code) && phraseAllowed(f.code, findingText(doc, f))) continue;
    out.push(f);
  }
  return out;
}

// ---- edits for quick fixes ----

/** A directive written in the document's own form. */
export function directiveText(doc: GwDocument, kind: DirectiveKind, args: string[]): string {
  const body = `gongwen-${kind}${args.length ? ' ' + args.join(' ') : ''}`;
  return doc.format === 'markdown' ? `<!-- ${body} -->` : `%% ${body}`;
}

function eolOf(doc: GwDocument): string {
  return doc.lines.find((l) => l.eol)?.eol || '\n';
}

/** Inserts `gongwen-disable-next-line code` on a line of its own above `line`, indented like it. */
export function ignoreLineEdit(doc: GwDocument, line: number, code: string): TextEdit {
  const l = doc.lines[line];
  const bom = line === 0 && l.text.startsWith('\uFEFF') ? 1 : 0;
  const indent = /^[ \t\u3000]*/.exec(l.text.slice(bom))![0];
  const at = { line, character: bom };
  return { range: { start: at, end: at }, newText: indent + directiveText(doc, 'disable-next-line', [code]) + eolOf(doc) };
}

/**
 * Allows a phrase in this document: adds it to the first line that holds only a `gongwen-allow` directive,
 * or inserts such a line at the top (after a BOM and after Markdown front matter).
 */
export function allowPhraseEdit(doc: GwDocument, phrase: string): TextEdit {
  for (const d of parseDirectives(doc)) {
    if (d.kind !== 'allow' || !directiveOnly(doc.lines[d.line], [d])) continue;
    const text = doc.lines[d.line].text;
    // Before the closing --> (or the end of a %% line), after the last phrase.
    let at = d.form === 'html' ? d.end - 3 : d.end;
    while (at > d.start && isSpace(text.charCodeAt(at - 1))) at--;
    const pos = { line: d.line, character: at };
    return { range: { start: pos, end: pos }, newText: ` ${phrase}` };
  }
  let line = 0;
  if (doc.format === 'markdown' && /^(?:\uFEFF)?---\s*$/.test(doc.lines[0].text)) {
    const close = doc.lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l.text));
    if (close > 0) line = close + 1;
  }
  if (line >= doc.lines.length) {
    const last = doc.lines[doc.lines.length - 1];
    const end = { line: last.index, character: last.text.length };
    return { range: { start: end, end }, newText: eolOf(doc) + directiveText(doc, 'allow', [phrase]) };
  }
  const bom = line === 0 && doc.lines[0].text.startsWith('\uFEFF') ? 1 : 0;
  const at = { line, character: bom };
  return { range: { start: at, end: at }, newText: directiveText(doc, 'allow', [phrase]) + eolOf(doc) };
}
