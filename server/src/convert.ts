// Converts the core's plain findings and symbols to LSP types.
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SymbolKind,
  TextEdit,
} from 'vscode-languageserver/node';
import type { Finding, FoldRange, OutlineSymbol, Severity } from './core';

export const SOURCE = 'gongwen';
export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.gongwen';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}

/** The finding a diagnostic sent back by the client stands for. */
export function sameFinding(d: Diagnostic, f: Finding): boolean {
  return (
    d.code === f.code &&
    d.range.start.line === f.range.start.line &&
    d.range.start.character === f.range.start.character &&
    d.range.end.line === f.range.end.line &&
    d.range.end.character === f.range.end.character
  );
}

export function quickFixes(f: Finding, d: Diagnostic, uri: string): CodeAction[] {
  return (f.fixes ?? []).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: !!fix.preferred,
    edit: { changes: { [uri]: fix.edits as TextEdit[] } },
  }));
}

const LEVEL_KIND = [SymbolKind.Namespace, SymbolKind.Namespace, SymbolKind.Struct, SymbolKind.Field, SymbolKind.EnumMember, SymbolKind.Constant];

export function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  const kind = (s as { kind?: string }).kind === 'element' ? SymbolKind.Key : LEVEL_KIND[s.level] ?? SymbolKind.Constant;
  return {
    name: s.name || s.detail || '…',
    detail: s.detail,
    kind,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

export function toFoldingRange(r: FoldRange): FoldingRange {
  return { startLine: r.startLine, endLine: r.endLine, kind: FoldingRangeKind.Region };
}
