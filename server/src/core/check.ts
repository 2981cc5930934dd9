// Runs every rule family over one document model and applies the configured severities.
import { GwDocument, DocFormat } from './model';
import { CheckOptions, DEFAULT_OPTIONS, RuleContext, RuleFamily } from './rules/api';
import { clicheRules } from './rules/cliche';
import { formatRules } from './rules/format';
import { outlineRules } from './rules/outline';
import { repeatRules } from './rules/repeat';
import { seriesRules } from './rules/series';
import type { Finding } from './types';
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

/** Checks a model. Findings come back sorted by position. */
export function checkDocument(doc: GwDocument, options: Partial<CheckOptions> = {}): Finding[] {
  const ctx = makeContext(doc, options);
  const out: Finding[] = [];
  for (const family of RULE_FAMILIES) {
    for (const f of family.check(ctx)) {
      const override = ctx.options.rules[f.code];
      if (override === 'off') continue;
      if (override) f.severity = override;
      out.push(f);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  // gongwen-disable… comments and allowed phrases/patterns: the same for the editor and the command line.
  return applySuppressions(doc, out, ctx.options.allow);
}

/** Convenience for callers holding text: builds the model once and checks it. */
export function checkText(text: string, format: DocFormat = 'plaintext', options: Partial<CheckOptions> = {}): { doc: GwDocument; findings: Finding[] } {
  const doc = new GwDocument(text, format);
  return { doc, findings: checkDocument(doc, options) };
}
