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

export type Locale = 'zh-cn' | 'en';
