// The checking core: text in, findings out. No LSP or VS Code import anywhere below this folder.
export * from './types';
export { GwDocument } from './model';
export type { Line, OutlineNode, Paragraph, DocFormat } from './model';
export { checkDocument, checkText, allCodes, forgetDocument, RULE_FAMILIES } from './check';
export { applyEdits, fixAllEdits, mergeEdits, renumberEdits } from './edits';
export { familyOccurrences } from './rules/cliche';
export { outlineSymbols, foldingRanges, outlineText } from './symbols';
export type { OutlineSymbol, FoldRange } from './symbols';
export { DEFAULT_OPTIONS } from './rules/api';
export type { CheckOptions, CodeInfo } from './rules/api';
