// Runs every rule family over one document model and applies the configured severities.
import { GwDocument, DocFormat } from './model';
import { CheckOptions, DEFAULT_OPTIONS, RuleContext, RuleFamily } from './rules/api';
import { clicheRules, forgetClicheState } from './rules/cliche';
import { forgetFormatState, formatRules } from './rules/format';
import { outlineRules } from './rules/outline';
import { forgetRepeatState, repeatRules } from './rules/repeat';
import { seriesRules } from './rules/series';
import { finding, type Finding } from './types';
import { applySuppressions } from './suppress';

export const RULE_FAMILIES: RuleFamily[] = [outlineRules, seriesRules, formatRules, clicheRules, repeatRules];

export function allCodes() {
  return RULE_FAMILIES.flatMap((f) => f.codes);
}

export function makeContext(doc: GwDocument, options: Partial<CheckOptions> = {}): RuleContext {
  const opts: CheckOptions = { ...DEFAULT_OPTIONS, ...options };
  const en = opts.locale === 'en';
  return { doc, options: opts, t: (zh, eng) => (en ? eng : zh) };
}

/**
 * Lets go of what the checks keep between versions of one document (the cliché, half-width punctuation and
 * repetition state of its last analysis): call it when the document is closed. The next check of that URI
 * starts cold.
 */
export function forgetDocument(uri: string): void {
  forgetClicheState(uri);
  forgetFormatState(uri);
  forgetRepeatState(uri);
}

/** Checks a model. Findings come back sorted by position. */
export function checkDocument(doc: GwDocument, options: Partial<CheckOptions> = {}): Finding[] {
  const ctx = makeContext(doc, options);
  const found = RULE_FAMILIES.map((family) => family.check(ctx));
  // One list of the right size, not one grown by push (a 1 MB draft has 9,000 findings: ~230 KB of copies).
  let total = 0;
  for (let i = 0; i < found.length; i++) total += found[i].length;
  const out = new Array<Finding>(total);
  let n = 0;
  for (let i = 0; i < found.length; i++) n = addFindings(out, n, found[i], ctx.options.rules);
  out.length = n;
  sortFindings(out, doc.lineCount);
  // gongwen-disable… comments and allowed phrases/patterns: the same for the editor and the command line.
  return applySuppressions(doc, out, ctx.options.allow);
}

/**
 * Puts a family's findings with the configured severities into `out` from `at`; returns where the next go. A
 * function of its own: a loop over 10,000 findings gets optimised on the stack (OSR), and what is compiled
 * then is this loop, not all of checkDocument.
 */
function addFindings(out: Finding[], at: number, found: Finding[], rules: CheckOptions['rules']): number {
  for (let i = 0; i < found.length; i++) {
    const f = found[i];
    const override = rules[f.code];
    if (override === 'off') continue;
    // A copy, not the family's own finding: a family may hand out the same findings again (rules/api.ts memoFor).
    out[at++] = override && override !== f.severity ? finding({ ...f, severity: override }) : f;
  }
  return at;
}

const byPosition = (a: Finding, b: Finding) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Sorts findings by start position, then code, stably (the order a plain stable sort by byPosition gives).
 * Thousands of findings (a 1 MB draft has 9,000) are first placed by line with a counting sort, so the
 * comparison only orders the few findings of one line: the comparator was a tenth of a keystroke's check.
 */
export function sortFindings(out: Finding[], lineCount: number): void {
  const n = out.length;
  if (n < 256) {
    out.sort(byPosition);
    return;
  }
  const first = new Int32Array(lineCount + 1);
  for (let i = 0; i < n; i++) {
    const line = out[i].range.start.line;
    if (!(line >= 0 && line < lineCount)) {
      out.sort(byPosition); // (never: findings lie in the document)
      return;
    }
    first[line + 1]++;
  }
  for (let l = 1; l <= lineCount; l++) first[l] += first[l - 1];
  const byLine = new Array<Finding>(n);
  const next = first.slice(0, lineCount);
  for (let i = 0; i < n; i++) byLine[next[out[i].range.start.line]++] = out[i];
  for (let l = 0; l < lineCount; l++) {
    const from = first[l];
    const to = l + 1 < lineCount ? first[l + 1] : n;
    if (to - from > 8) {
      const group = byLine.slice(from, to).sort(byPosition);
      for (let k = from; k < to; k++) byLine[k] = group[k - from];
    } else {
      // A few findings: insertion sort in place (stable: an item moves only past greater ones).
      for (let k = from + 1; k < to; k++) {
        const f = byLine[k];
        let j = k - 1;
        while (j >= from && byPosition(byLine[j], f) > 0) {
          byLine[j + 1] = byLine[j];
          j--;
        }
        byLine[j + 1] = f;
      }
    }
  }
  for (let i = 0; i < n; i++) out[i] = byLine[i];
}

/** Convenience for callers holding text: builds the model once and checks it. */
export function checkText(text: string, format: DocFormat = 'plaintext', options: Partial<CheckOptions> = {}): { doc: GwDocument; findings: Finding[] } {
  const doc = new GwDocument(text, format);
  return { doc, findings: checkDocument(doc, options) };
}
