// The palette commands the client implements itself (the server's own — renumber, fix all — are registered by
// the language client library). None of them knows a rule: data comes from the server or the snippet file.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { t } from './l10n';
import type { OutlineProvider } from './outlineView';
import { ClientRef, PhraseCount, requestStatistics, StatisticsResult } from './protocol';

interface SnippetDef {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  isFileTemplate?: boolean;
}

export interface Template {
  name: string;
  prefixes: string[];
  description: string;
  body: string;
}

/** The whole-document templates of snippets/gongwen.code-snippets, in file order. */
export function loadTemplates(context: vscode.ExtensionContext): Template[] {
  const file = context.asAbsolutePath('snippets/gongwen.code-snippets');
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, SnippetDef>;
  return Object.entries(all)
    .filter(([, s]) => s.isFileTemplate)
    .map(([key, s]) => ({
      name: key.replace(/^[^：]*：/, ''),
      prefixes: ([] as string[]).concat(s.prefix),
      description: s.description ?? '',
      body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
    }));
}

/** A snippet description is "中文 / English": the half for the UI's language. */
function describe(description: string): string {
  const [zh, en] = description.split(/\s*\/\s+/);
  return (vscode.env.language.toLowerCase().startsWith('zh') ? zh : en) || description;
}

/**
 * Inserts a template: the one named (from a test or a keybinding), or the one picked. Into the active editor at
 * the cursor (on a line of its own), or into a new untitled document when none is open.
 */
export async function insertTemplate(context: vscode.ExtensionContext, name?: string): Promise<boolean> {
  const templates = loadTemplates(context);
  let chosen = name ? templates.find((x) => x.name === name || x.prefixes.includes(name)) : undefined;
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(
      templates.map((x) => ({ label: x.name, description: x.prefixes.filter((p) => /^[a-z]+$/.test(p)).join(' '), detail: describe(x.description), template: x })),
      { title: t('插入公文模板', 'Insert a 公文 template'), placeHolder: t('选择文种（可输入拼音）', 'Pick a document type (pinyin works too)'), matchOnDescription: true, matchOnDetail: true },
    );
    if (!pick) return false;
    chosen = pick.template;
  }
  let editor = vscode.window.activeTextEditor;
  if (!editor) {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    editor = await vscode.window.showTextDocument(doc);
  }
  const pos = editor.selection.active;
  const line = editor.document.lineAt(pos.line);
  const prefix = line.isEmptyOrWhitespace ? '' : '\n';
  const at = line.isEmptyOrWhitespace ? line.range.start : line.range.end;
  return editor.insertSnippet(new vscode.SnippetString(prefix + chosen.body), at);
}

/** Copies the outline (提纲) to the clipboard. */
export async function copyOutline(outline: OutlineProvider): Promise<string> {
  await outline.whenFresh();
  const text = outline.outlineText();
  if (!text) {
    void vscode.window.showInformationMessage(t('当前文档没有层次序号，没有可复制的提纲。', 'The document has no outline numbering: nothing to copy.'));
    return '';
  }
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(t('提纲已复制（{0} 项）', 'Outline copied ({0} items)', text.split('\n').length), 3000);
  return text;
}

/** Opens the outline (提纲) as a new untitled document, titled after the document. */
export async function exportOutline(outline: OutlineProvider): Promise<vscode.TextDocument | undefined> {
  await outline.whenFresh();
  const text = outline.outlineText();
  if (!text) {
    void vscode.window.showInformationMessage(t('当前文档没有层次序号，没有可导出的提纲。', 'The document has no outline numbering: nothing to export.'));
    return undefined;
  }
  const source = outline.documentUri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === outline.documentUri!.toString()) : undefined;
  const title = source ? source.lineAt(0).text.trim() : '';
  const head = title && !text.startsWith(title) ? `${title}${t('（提纲）', ' (outline)')}\n\n` : '';
  const doc = await vscode.workspace.openTextDocument({ language: source?.languageId === 'markdown' ? 'plaintext' : (source?.languageId ?? 'plaintext'), content: head + text + '\n' });
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  return doc;
}

let statsPanel: vscode.WebviewPanel | undefined;

/** Shows the statistics of the active document in a webview beside it. */
export async function showStatistics(client: ClientRef): Promise<StatisticsResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(t('请先打开一个公文文档。', 'Open a 公文 document first.'));
    return undefined;
  }
  const stats = await requestStatistics(client, editor.document.uri.toString());
  if (!stats) {
    void vscode.window.showInformationMessage(t('公文写作助手不检查这种文档。', 'Gongwen does not check this kind of document.'));
    return undefined;
  }
  const name = editor.document.uri.path.split('/').pop() || editor.document.uri.toString();
  if (!statsPanel) {
    statsPanel = vscode.window.createWebviewPanel('gongwen.statistics', '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false });
    statsPanel.onDidDispose(() => (statsPanel = undefined));
  }
  statsPanel.title = t('公文统计：{0}', 'Gongwen statistics: {0}', name);
  statsPanel.webview.html = statisticsHtml(stats, name);
  statsPanel.reveal(vscode.ViewColumn.Beside, true);
  return stats;
}

function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function bar(count: number, max: number): string {
  const w = max ? Math.max(2, Math.round((count / max) * 100)) : 0;
  return `<div class="bar"><span style="width:${w}%"></span></div>`;
}

/** A table for any extra section the server adds: an array of records, or a record of numbers. */
function genericSection(key: string, value: unknown): string {
  const title = esc(key);
  if (Array.isArray(value) && value.length && typeof value[0] === 'object' && value[0]) {
    const cols = Object.keys(value[0] as object);
    const numCol = cols.find((c) => typeof (value[0] as Record<string, unknown>)[c] === 'number');
    const max = numCol ? Math.max(...value.map((r) => Number((r as Record<string, unknown>)[numCol]) || 0)) : 0;
    const rows = value
      .map((r) => `<tr>${cols.map((c) => `<td>${esc(fmt((r as Record<string, unknown>)[c]))}</td>`).join('')}${numCol ? `<td class="w">${bar(Number((r as Record<string, unknown>)[numCol]) || 0, max)}</td>` : ''}</tr>`)
      .join('');
    return `<h2>${title}</h2><table><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}${numCol ? '<th></th>' : ''}</tr>${rows}</table>`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const max = Math.max(0, ...entries.map(([, v]) => (typeof v === 'number' ? v : 0)));
    return `<h2>${title}</h2><table>${entries.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(fmt(v))}</td><td class="w">${typeof v === 'number' ? bar(v, max) : ''}</td></tr>`).join('')}</table>`;
  }
  if (Array.isArray(value) && !value.length) return '';
  return `<h2>${title}</h2><p>${esc(fmt(value))}</p>`;
}

function fmt(v: unknown): string {
  if (Array.isArray(v)) return v.map(fmt).join('、');
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v ?? '');
}

const KNOWN = new Set(['locale', 'characters', 'paragraphs', 'outlineItems', 'findings', 'codes', 'hanCharacters', 'clichesByCategory', 'topCliches', 'repeatedPhrases']);

function lineList(lines: number[]): string {
  const shown = lines.slice(0, 8).join(t('、', ', '));
  return lines.length > 8 ? shown + t(' 等', ', …') : shown;
}

function phraseTable(title: string, rows: PhraseCount[] | undefined): string {
  if (!rows?.length) return '';
  const max = Math.max(...rows.map((r) => r.count));
  return `<h2>${esc(title)}</h2><table><tr><th>${t('说法', 'Phrase')}</th><th>${t('次数', 'Count')}</th><th></th><th>${t('所在行', 'Lines')}</th></tr>${rows
    .map((r) => `<tr><td>${esc(r.phrase)}</td><td class="n">${r.count}</td><td class="w">${bar(r.count, max)}</td><td>${esc(lineList(r.lines))}</td></tr>`)
    .join('')}</table>`;
}

function categoryTable(rows: { category: string; count: number }[] | undefined): string {
  if (!rows?.length) return '';
  const max = Math.max(...rows.map((r) => r.count));
  return `<h2>${t('套话分类', 'Stock phrases by category')}</h2><table><tr><th>${t('类别', 'Category')}</th><th>${t('次数', 'Count')}</th><th></th></tr>${rows
    .map((r) => `<tr><td>${esc(r.category)}</td><td class="n">${r.count}</td><td class="w">${bar(r.count, max)}</td></tr>`)
    .join('')}</table>`;
}

export function statisticsHtml(s: StatisticsResult, name: string): string {
  const sev: Record<string, string> = { error: t('错误', 'error'), warning: t('警告', 'warning'), information: t('提示', 'info'), hint: t('提示', 'hint') };
  const max = Math.max(0, ...s.codes.map((c) => c.count));
  const codes = s.codes.length
    ? `<table><tr><th>${t('代码', 'Code')}</th><th>${t('级别', 'Severity')}</th><th>${t('次数', 'Count')}</th><th></th><th>${t('说明', 'Description')}</th></tr>${s.codes
        .map((c) => `<tr><td><code>${esc(c.code)}</code></td><td class="${esc(c.severity)}">${esc(sev[c.severity] ?? c.severity)}</td><td class="n">${c.count}</td><td class="w">${bar(c.count, max)}</td><td>${esc(c.description)}</td></tr>`)
        .join('')}</table>`
    : `<p class="ok">✓ ${t('没有发现问题。', 'No problems found.')}</p>`;
  const extra = Object.entries(s)
    .filter(([k]) => !KNOWN.has(k))
    .map(([k, v]) => genericSection(k, v))
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 16px;line-height:1.5}
h1{font-size:1.4em;margin:.6em 0}h2{font-size:1.1em;margin:1.2em 0 .4em}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid var(--vscode-panel-border);border-radius:4px;padding:6px 14px;min-width:90px}
.card b{display:block;font-size:1.6em}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--vscode-panel-border)}td.n{text-align:right}
td.w{width:30%}.bar{background:var(--vscode-editorWidget-background);height:10px}.bar span{display:block;height:10px;background:var(--vscode-charts-blue)}
.error{color:var(--vscode-errorForeground)}.warning{color:var(--vscode-editorWarning-foreground)}.ok{color:var(--vscode-charts-green)}
</style></head><body>
<h1>${t('公文统计', 'Gongwen statistics')} · ${esc(name)}</h1>
<div class="cards">
<div class="card"><b>${s.hanCharacters ?? s.characters}</b>${s.hanCharacters !== undefined ? t('个汉字', 'Chinese characters') : t('字（不含空白）', 'characters (no spaces)')}</div>
<div class="card"><b>${s.paragraphs}</b>${t('段', 'paragraphs')}</div>
<div class="card"><b>${s.outlineItems}</b>${t('层次序号', 'outline items')}</div>
<div class="card"><b>${s.findings}</b>${t('问题', 'problems')}</div>
</div>
${categoryTable(s.clichesByCategory)}
${phraseTable(t('用得最多的套话', 'Most used stock phrases'), s.topCliches)}
${phraseTable(t('近距离重复的说法', 'Phrases repeated close together'), s.repeatedPhrases)}
<h2>${t('各类问题', 'Problems by code')}</h2>
${codes}
${extra}
</body></html>`;
}
