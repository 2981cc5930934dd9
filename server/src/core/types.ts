// Plain data types shared by the checking core. No LSP or VS Code import may appear in core/.
// Positions are 0-based lines and UTF-16 code unit columns, the same as JS string indices and LSP.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A mechanical fix for one finding. */
export interface Fix {
  /** Chinese title shown in the light bulb. */
  title: string;
  edits: TextEdit[];
  /** The fix chosen by fix-all and by `gongwen-lint --fix`. */
  preferred?: boolean;
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Extra detail for hovers (category, advice). Markdown allowed. */
  detail?: string;
}

/**
 * A finding as the rules make it: every field present (undefined where there is none), in one order, so that
 * all findings share one object shape. What sorts, filters and converts the findings after each keystroke then
 * sees that shape only. Before, a rule whose first finding came while someone typed brought a shape that code
 * had not been compiled for, and V8 threw it away ("wrong map") and compiled it again: 7 of the 15
 * deoptimisations while 200 characters were typed into the 100 KB bench document (V8's --trace-deopt).
 */
export function finding(f: Finding): Finding {
  return { code: f.code, severity: f.severity, range: f.range, message: f.message, fixes: f.fixes, related: f.related, detail: f.detail };
}

export type Locale = 'zh-cn' | 'en';
