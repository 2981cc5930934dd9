// The language server: wires LSP to the checking core and nothing else. Runs with --stdio or --node-ipc.
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CompletionItem,
  CompletionItemKind,
  createConnection,
  Diagnostic,
  DocumentDiagnosticReportKind,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckOptions,
  checkDocument,
  fixAllEdits,
  Finding,
  foldingRanges,
  GwDocument,
  outlineSymbols,
  renumberEdits,
} from './core';
import { FIX_ALL_KIND, quickFixes, sameFinding, SOURCE, toDiagnostic, toDocumentSymbol, toFoldingRange } from './convert';
import { settingsToOptions } from './settings';
import { completeOutline, OutlineCompletion } from './core/complete';
import { allCodes } from './core/check';
import { statistics } from './core/stats';
import { categoryEn } from './core/cliche/dictionary';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Analysis {
  version: number;
  doc: GwDocument;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

const analyses = new Map<string, Analysis>();
const timers = new Map<string, NodeJS.Timeout>();
const optionCache = new Map<string, Promise<Partial<CheckOptions>>>();
let locale: CheckOptions['locale'] = 'zh-cn';
let canPullConfig = false;

const COMMANDS = ['gongwen.renumberOutline', 'gongwen.fixAll'];

connection.onInitialize((params): InitializeResult => {
  locale = /^en/i.test(params.locale ?? '') ? 'en' : 'zh-cn';
  canPullConfig = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      documentSymbolProvider: { label: '公文大纲' },
      foldingRangeProvider: true,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: COMMANDS },
      // Outline continuation: （ and ( start a bracketed marker; numerals trigger through word completion.
      completionProvider: { triggerCharacters: ['（', '('], resolveProvider: false },
    },
    serverInfo: { name: 'gongwen', version: '0.1.0' },
  };
});

function formatOf(doc: TextDocument): 'markdown' | 'plaintext' {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? 'markdown' : 'plaintext';
}

function optionsFor(uri: string): Promise<Partial<CheckOptions>> {
  let p = optionCache.get(uri);
  if (!p) {
    p = (canPullConfig ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'gongwen' }) : Promise.resolve(undefined))
      .then((s) => ({ ...settingsToOptions(s), locale }))
      .catch(() => ({ locale }));
    optionCache.set(uri, p);
  }
  return p!;
}

async function analyse(td: TextDocument): Promise<Analysis> {
  const cached = analyses.get(td.uri);
  if (cached && cached.version === td.version) return cached;
  const options = await optionsFor(td.uri);
  const doc = new GwDocument(td.getText(), formatOf(td), td.uri);
  const findings = checkDocument(doc, options);
  const a: Analysis = { version: td.version, doc, findings, diagnostics: findings.map((f) => toDiagnostic(f, td.uri)) };
  // A newer version may have arrived while the options were fetched: keep only the newest.
  const now = documents.get(td.uri);
  if (!now || now.version === td.version) analyses.set(td.uri, a);
  return a;
}

async function validate(uri: string): Promise<void> {
  const td = documents.get(uri);
  if (!td) return;
  try {
    const a = await analyse(td);
    const current = documents.get(uri);
    if (!current || current.version !== a.version) return; // stale: a newer change is queued
    void connection.sendDiagnostics({ uri, version: a.version, diagnostics: a.diagnostics });
  } catch (e) {
    connection.console.error(`gongwen: 检查 ${uri} 时出错 / failed to check: ${(e as Error).stack ?? e}`);
  }
}

function schedule(uri: string, delay = 15): void {
  clearTimeout(timers.get(uri));
  timers.set(uri, setTimeout(() => {
    timers.delete(uri);
    void validate(uri);
  }, delay));
}

documents.onDidOpen((e) => schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => schedule(e.document.uri));
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  timers.delete(e.document.uri);
  analyses.delete(e.document.uri);
  optionCache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(() => {
  optionCache.clear();
  analyses.clear();
  for (const d of documents.all()) schedule(d.uri, 0);
});

async function analysisOf(uri: string): Promise<Analysis | undefined> {
  const td = documents.get(uri);
  return td ? analyse(td) : undefined;
}

connection.onDocumentSymbol(async (p) => {
  const a = await analysisOf(p.textDocument.uri);
  return a ? outlineSymbols(a.doc).map(toDocumentSymbol) : [];
});

connection.onFoldingRanges(async (p) => {
  const a = await analysisOf(p.textDocument.uri);
  return a ? foldingRanges(a.doc).map(toFoldingRange) : [];
});

connection.onHover(async (p) => {
  const a = await analysisOf(p.textDocument.uri);
  if (!a) return null;
  const { line, character } = p.position;
  const hits = a.findings.filter(
    (f) =>
      f.detail &&
      (f.range.start.line < line || (f.range.start.line === line && f.range.start.character <= character)) &&
      (f.range.end.line > line || (f.range.end.line === line && f.range.end.character >= character)),
  );
  if (!hits.length) return null;
  return { contents: { kind: 'markdown', value: hits.map((f) => f.detail).join('\n\n---\n\n') }, range: hits[0].range };
});

function fixAllAction(a: Analysis, uri: string, kind: string): CodeAction | undefined {
  const edits = fixAllEdits(a.doc, a.findings);
  if (!edits.length) return undefined;
  return {
    title: locale === 'en' ? 'Fix all auto-fixable Gongwen problems' : '修复本文件所有可自动修复的公文问题',
    kind,
    edit: { changes: { [uri]: edits } },
  };
}

connection.onCodeAction(async (p: CodeActionParams) => {
  const uri = p.textDocument.uri;
  const a = await analysisOf(uri);
  if (!a) return [];
  const only = p.context.only;
  if (only && only.some((k) => k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND || k === CodeActionKind.Source)) {
    const fa = fixAllAction(a, uri, FIX_ALL_KIND);
    return fa ? [fa] : [];
  }
  const out: CodeAction[] = [];
  let anyFixable = false;
  for (const d of p.context.diagnostics) {
    if (d.source !== SOURCE) continue;
    const f = a.findings.find((x) => sameFinding(d, x));
    if (!f) continue;
    const fixes = quickFixes(f, d, uri);
    if (fixes.length) anyFixable = true;
    out.push(...fixes);
  }
  if (anyFixable) {
    const fa = fixAllAction(a, uri, CodeActionKind.QuickFix);
    if (fa) out.push(fa);
  }
  return out;
});

connection.onExecuteCommand(async (p) => {
  const uri = typeof p.arguments?.[0] === 'string' ? p.arguments[0] : (p.arguments?.[0] as { uri?: string } | undefined)?.uri;
  if (!uri) return { applied: false, edits: 0 };
  const a = await analysisOf(uri);
  if (!a) return { applied: false, edits: 0 };
  const edits = p.command === 'gongwen.renumberOutline' ? renumberEdits(a.doc, await optionsFor(uri)) : fixAllEdits(a.doc, a.findings);
  if (!edits.length) return { applied: true, edits: 0 };
  const td = documents.get(uri)!;
  const r = await connection.workspace.applyEdit({
    label: p.command === 'gongwen.renumberOutline' ? '重新编排序号' : '修复全部',
    edit: { documentChanges: [{ textDocument: { uri, version: td.version }, edits }] },
  });
  return { applied: r.applied, edits: edits.length };
});

const RELATION_ZH: Record<OutlineCompletion['relation'], string> = {
  sibling: '同级下一项',
  child: '下一级第一项',
  ancestor: '上级下一项',
  first: '第一个一级标题',
};
const RELATION_EN: Record<OutlineCompletion['relation'], string> = {
  sibling: 'next item at this level',
  child: 'first item one level down',
  ancestor: 'next item of an enclosing level',
  first: 'first level-1 heading',
};

connection.onCompletion(async (p): Promise<CompletionItem[]> => {
  const a = await analysisOf(p.textDocument.uri);
  if (!a) return [];
  return completeOutline(a.doc, p.position).map((c, i): CompletionItem => {
    const rel = locale === 'en' ? RELATION_EN[c.relation] : RELATION_ZH[c.relation];
    const after = c.after ? (locale === 'en' ? ` (after ${c.after})` : `（接 ${c.after}）`) : '';
    return {
      label: c.insertText,
      kind: CompletionItemKind.EnumMember,
      detail: `${rel}${after}`,
      documentation: locale === 'en' ? `GB/T 9704-2012 §7.3.3, level ${c.level}` : `GB/T 9704-2012 7.3.3 第${c.level}层`,
      sortText: String(i).padStart(2, '0'),
      filterText: c.insertText,
      preselect: i === 0,
      textEdit: { range: c.range, newText: c.insertText },
    };
  });
});

// The outline tree for the client's 公文大纲 view: only the numbered structure (the document symbols may carry
// more, such as Markdown headings merged in by VS Code or the 公文 elements).
connection.onRequest('gongwen/outline', async (p: { textDocument: { uri: string } }) => {
  const a = await analysisOf(p.textDocument.uri);
  return a ? { version: a.version, symbols: outlineSymbols(a.doc) } : null;
});

// A summary of one document for the statistics view: counts per code, and whatever the core's statistics add.
connection.onRequest('gongwen/statistics', async (p: { textDocument: { uri: string } }) => {
  const a = await analysisOf(p.textDocument.uri);
  if (!a) return null;
  const info = new Map(allCodes().map((c) => [c.code, c]));
  const byCode = new Map<string, number>();
  for (const f of a.findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  const en = locale === 'en';
  const s = statistics(a.doc, a.findings, await optionsFor(p.textDocument.uri));
  return {
    locale,
    hanCharacters: s.hanCharacters,
    clichesByCategory: s.clichesByCategory.map((c) => ({ category: en ? `${categoryEn(c.category)} (${c.category})` : c.category, count: c.count })),
    topCliches: s.topCliches,
    repeatedPhrases: s.repeatedPhrases,
    characters: a.doc.text.replace(/\s/g, '').length,
    paragraphs: a.doc.paragraphs.length,
    outlineItems: a.doc.nodes.length,
    findings: a.findings.length,
    codes: [...byCode]
      .map(([code, count]) => ({ code, count, severity: info.get(code)?.severity ?? 'warning', description: (en ? info.get(code)?.en : info.get(code)?.zh) ?? '' }))
      .sort((x, y) => y.count - x.count || x.code.localeCompare(y.code)),
  };
});

// Pull diagnostics for clients that ask, although push is what we advertise.
connection.languages.diagnostics.on(async (p) => {
  const a = await analysisOf(p.textDocument.uri);
  return { kind: DocumentDiagnosticReportKind.Full, items: a ? a.diagnostics : [] };
});

documents.listen(connection);
connection.listen();
