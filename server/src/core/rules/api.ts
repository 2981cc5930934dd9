// What a rule family sees and returns. Rules read the shared model and never re-split the text.
import { lineCaches } from '../cache';
import type { GwDocument } from '../model';
import type { Finding, Locale, Severity } from '../types';

export interface CodeInfo {
  code: string;
  severity: Severity;
  /** One line for docs and settings, Chinese and English. */
  zh: string;
  en: string;
}

/** Options every rule may read; the configuration layer fills them in. */
export interface CheckOptions {
  locale: Locale;
  /** Per-code severity override, or 'off'. */
  rules: Record<string, Severity | 'off'>;
  /** GB/T 9704 levels in order; false accepts 一、→1. (two-level documents). */
  outlineLevelSkip: boolean;
  /** 'two-level': a short document numbered 一、→1. by practice; that one skip is accepted, others still count. */
  outlineProfile: 'standard' | 'two-level';
  /** The count at which a cliché counts as overused. */
  overuseThreshold: number;
  /** The window, in characters, inside which a repeated phrase is flagged. */
  repeatWindow: number;
  /** Extra dictionary entries, same shape as the built-in ones. */
  extraCliches: unknown[];
  /** Phrases never to flag. */
  allow: string[];
}

export const DEFAULT_OPTIONS: CheckOptions = {
  locale: 'zh-cn',
  rules: {},
  outlineLevelSkip: true,
  outlineProfile: 'standard',
  overuseThreshold: 3,
  repeatWindow: 100,
  extraCliches: [],
  allow: [],
};

export interface RuleContext {
  doc: GwDocument;
  options: CheckOptions;
  /** Picks the message in the user's language: Chinese first, English when the locale asks for it. */
  t(zh: string, en: string): string;
}

export interface RuleFamily {
  name: string;
  codes: CodeInfo[];
  /** Returns findings with the code's default severity; the runner applies overrides. */
  check(ctx: RuleContext): Finding[];
}

/** A family's findings for one part of the model, kept with that part (memoFor). */
export type PartMemo<K extends object> = WeakMap<K, { key: string; findings: Finding[] }>;

/**
 * The findings of a family that reads only one part of the model (the outline tree, the 序次语 series), kept
 * with that part while typing: when an edit leaves the part as it was, the model hands over the previous
 * version's very object (model.ts), and the family's findings for it are the same under the same options
 * (`key`). Findings are read only downstream (check.ts copies one whose severity the settings change).
 */
export function memoFor<K extends object>(memo: PartMemo<K>, part: K, key: string, run: () => Finding[]): Finding[] {
  if (!lineCaches.enabled) return run();
  const hit = memo.get(part);
  if (hit && hit.key === key) return hit.findings;
  const findings = run();
  memo.set(part, { key, findings });
  return findings;
}
