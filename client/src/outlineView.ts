// The 公文大纲 tree view: the active document's numbered structure as the server sees it, framed by the 公文
// elements it recognised (标题, 主送机关, 正文 … 署名, 成文日期), with the number of findings inside each item. Shown in the Explorer and in the Gongwen view container; both views share one
// provider. It follows the active editor, selects the item under the cursor, and refreshes after edits
// (debounced, and only when something visible changed, so it does not flicker while typing).
import * as vscode from 'vscode';
import { t } from './l10n';
import { ClientRef, gongwenDiagnostics, OutlineSymbolDto, requestOutline } from './protocol';

export const OUTLINE_VIEWS = ['gongwen.outline', 'gongwen.outlineExplorer'];

/** Codicons per outline level: 一、 （一） 1. （1） ①. */
const LEVEL_ICONS = ['', 'circle-large-filled', 'circle-filled', 'circle-small-filled', 'circle-outline', 'circle-small'];

export interface OutlineNode {
  id: string;
  symbol: OutlineSymbolDto;
  parent?: OutlineNode;
  children: OutlineNode[];
  errors: number;
  warnings: number;
  /** Information and hints. */
  others: number;
}

export class OutlineProvider implements vscode.TreeDataProvider<OutlineNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OutlineNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly views: vscode.TreeView<OutlineNode>[] = [];
  private readonly subs: vscode.Disposable[] = [];
  private uri: vscode.Uri | undefined;
  private roots: OutlineNode[] = [];
  private flat: OutlineNode[] = [];
  private signature = '';
  private refreshTimer: NodeJS.Timeout | undefined;
  private selectTimer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** Resolves after the next completed refresh (for the commands and the tests). */
  private waiters: (() => void)[] = [];

  constructor(
    private readonly client: ClientRef,
    private readonly languages: () => string[],
  ) {
    for (const id of OUTLINE_VIEWS) {
      const view = vscode.window.createTreeView(id, { treeDataProvider: this, showCollapseAll: true });
      this.views.push(view);
      this.subs.push(view, view.onDidChangeVisibility((e) => e.visible && this.selectAtCursor(0)));
    }
    this.subs.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.uri && e.document.uri.toString() === this.uri.toString()) this.schedule(300);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.uri && e.uris.some((u) => u.toString() === this.uri!.toString())) this.schedule(100);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.uri && e.textEditor.document.uri.toString() === this.uri.toString()) this.selectAtCursor(120);
      }),
    );
    this.follow();
  }

  /** The document shown, if any. */
  get documentUri(): vscode.Uri | undefined {
    return this.uri;
  }

  get nodes(): readonly OutlineNode[] {
    return this.roots;
  }

  /** The selected item of each visible view (for the tests). */
  get selected(): OutlineNode[] {
    return this.views.filter((v) => v.visible && v.selection.length).map((v) => v.selection[0]);
  }

  /** Follows the active editor when it shows a document we check; keeps the last one otherwise. */
  follow(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && this.languages().includes(editor.document.languageId)) {
      if (this.uri?.toString() !== editor.document.uri.toString()) {
        this.uri = editor.document.uri;
        this.schedule(0);
      }
    } else if (this.uri && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === this.uri!.toString())) {
      this.uri = undefined;
      this.schedule(0);
    }
  }

  schedule(delay: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  /** Refreshes now; resolves when the tree reflects the document. */
  async refresh(): Promise<void> {
    clearTimeout(this.refreshTimer);
    const gen = ++this.generation;
    const uri = this.uri;
    let symbols: OutlineSymbolDto[] = [];
    if (uri) {
      try {
        symbols = (await requestOutline(this.client, uri.toString()))?.symbols ?? [];
      } catch {
        // The server is restarting: keep what is shown (a newer refresh settles the waiters itself).
        if (gen === this.generation) this.settle();
        return;
      }
    }
    if (gen !== this.generation) return; // a newer refresh is on its way
    const diags = uri ? gongwenDiagnostics(uri) : [];
    const flat: OutlineNode[] = [];
    const build = (s: OutlineSymbolDto, parent: OutlineNode | undefined, id: string): OutlineNode => {
      const inside = diags.filter((d) => d.range.start.line >= s.range.start.line && d.range.start.line <= s.range.end.line);
      const n: OutlineNode = {
        id,
        symbol: s,
        parent,
        children: [],
        errors: inside.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
        warnings: inside.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
        others: inside.filter((d) => d.severity > vscode.DiagnosticSeverity.Warning).length,
      };
      flat.push(n);
      n.children = s.children.map((c, i) => build(c, n, `${id}/${i}`));
      return n;
    };
    const roots = symbols.map((s, i) => build(s, undefined, `${uri}#${i}`));
    const signature = JSON.stringify(flat.map((n) => [n.id, n.symbol.name, n.symbol.range.start.line, n.symbol.range.end.line, n.errors, n.warnings, n.others]));
    const message = !uri
      ? t('打开一个公文文档（纯文本或 Markdown）即可显示大纲。', 'Open a 公文 document (plain text or Markdown) to see its outline.')
      : roots.length
        ? undefined
        : t('本文档没有“一、（一）1.（1）”层次序号。', 'This document has no 一、（一）1.（1） outline numbering.');
    for (const v of this.views) if (v.message !== message) v.message = message;
    if (signature !== this.signature) {
      this.roots = roots;
      this.flat = flat;
      this.signature = signature;
      this.changed.fire(undefined);
      this.selectAtCursor(50);
    } else {
      // Same structure: keep the node objects the views hold, but positions may have moved within lines.
      flat.forEach((n, i) => (this.flat[i].symbol = n.symbol));
    }
    this.settle();
  }

  private settle(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }

  /** Resolves once the view has been refreshed from the current document and diagnostics. */
  async whenFresh(): Promise<void> {
    const p = new Promise<void>((r) => this.waiters.push(r));
    this.follow(); // the active-editor event may not have arrived yet
    // Refresh now, not on a timer: a refresh of the previous document still awaiting the server would
    // otherwise finish first and settle this waiter with the previous document's outline. Starting one
    // here makes any older one stand down (generation).
    void this.refresh();
    return p;
  }

  /** The deepest item whose section holds the line. */
  nodeAt(line: number): OutlineNode | undefined {
    let best: OutlineNode | undefined;
    for (const n of this.flat) if (n.symbol.range.start.line <= line && line <= n.symbol.range.end.line) best = n;
    return best;
  }

  private selectAtCursor(delay: number): void {
    clearTimeout(this.selectTimer);
    this.selectTimer = setTimeout(() => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !this.uri || editor.document.uri.toString() !== this.uri.toString()) return;
      const node = this.nodeAt(editor.selection.active.line);
      if (!node) return;
      for (const v of this.views) {
        if (v.visible && v.selection[0]?.id !== node.id) void v.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
      }
    }, delay);
  }

  /** The outline as a 提纲: one numbered item a line, indented by level with full-width spaces. */
  outlineText(): string {
    const lines: string[] = [];
    const walk = (ns: OutlineNode[], depth: number) => {
      for (const n of ns) {
        if (n.symbol.kind === 'element') continue;
        lines.push('\u3000\u3000'.repeat(depth) + n.symbol.name);
        walk(n.children, depth + 1);
      }
    };
    walk(this.roots, 0);
    return lines.join('\n');
  }

  getTreeItem(n: OutlineNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      n.symbol.name,
      n.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = n.id;
    const color = n.errors ? new vscode.ThemeColor('list.errorForeground') : n.warnings ? new vscode.ThemeColor('list.warningForeground') : undefined;
    const element = n.symbol.kind === 'element';
    item.iconPath = new vscode.ThemeIcon(element ? 'symbol-field' : (LEVEL_ICONS[n.symbol.level] ?? 'circle-small'), color);
    const total = n.errors + n.warnings + n.others;
    // An element shows what it is (标题, 成文日期…); 正文 is its own name.
    const what = element && n.symbol.detail ? n.symbol.detail : '';
    item.description = [what, total ? `${total}` : ''].filter(Boolean).join(' · ');
    const levelName = [n.symbol.detail || t('公文要素', '公文 element'), t('一级标题', 'level 1'), t('二级标题', 'level 2'), t('三级标题', 'level 3'), t('四级标题', 'level 4'), t('五级', 'level 5')][n.symbol.level] ?? '';
    const tip = new vscode.MarkdownString();
    tip.appendText(`${n.symbol.name}\n`);
    tip.appendMarkdown(`\n${levelName} · ${t('第 {0} 行', 'line {0}', n.symbol.range.start.line + 1)}`);
    if (total) tip.appendMarkdown(`\n\n${t('本节问题：错误 {0}，警告 {1}，提示 {2}', 'Problems in this section: {0} errors, {1} warnings, {2} other', n.errors, n.warnings, n.others)}`);
    item.tooltip = tip;
    item.contextValue = 'gongwenOutlineItem';
    if (this.uri) {
      item.command = {
        command: 'gongwen.revealOutlineItem',
        title: t('转到', 'Go to'),
        arguments: [this.uri, n.symbol.selectionRange.start.line, n.symbol.selectionRange.start.character],
      };
    }
    item.accessibilityInformation = { label: `${n.symbol.name}${total ? ', ' + total : ''}` };
    return item;
  }

  getChildren(n?: OutlineNode): OutlineNode[] {
    return n ? n.children : this.roots;
  }

  getParent(n: OutlineNode): OutlineNode | undefined {
    return n.parent;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.selectTimer);
    for (const s of this.subs) s.dispose();
  }
}

/** Click on an item: put the cursor on its marker and show the line. */
export async function revealOutlineItem(uri: vscode.Uri, line: number, character: number): Promise<void> {
  const pos = new vscode.Position(line, character);
  const editor = await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preserveFocus: false });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
