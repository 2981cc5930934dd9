// The status bar item: 公文 ✓ when the active document has no error or warning from us, else the counts.
// A click opens the Problems panel. (VS Code 1.100 offers no command that sets the Problems filter text —
// only focusFilter and clearFilterText — so it cannot be pre-filtered to Gongwen; the tree view shows ours.)
import * as vscode from 'vscode';
import { t } from './l10n';
import { gongwenDiagnostics } from './protocol';

/** The server's gongwen/status notification (server/src/server.ts). */
export interface ServerStatus {
  uri: string;
  mode: 'onType' | 'onSave';
  reason?: 'size' | 'slow';
  size?: number;
  limit?: number;
  ms?: number;
  budget?: number;
  problems?: { shown: number; total: number };
}

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export class GongwenStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gongwen.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly languages: () => string[],
    private readonly isDisabled: (uri: vscode.Uri) => boolean,
  ) {
    this.item.name = t('公文写作助手', 'Gongwen Writing Assistant');
    this.item.command = 'gongwen.showProblems';
    this.subs.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.update();
      }),
    );
    this.update();
  }

  /** The text shown, for the tests. */
  get text(): string {
    return this.item.text;
  }

  get visible(): boolean {
    return this.shown;
  }

  private shown = false;
  private readonly server = new Map<string, ServerStatus>();

  /** Records what the server said about a document and shows it if it is the active one. */
  serverState(p: ServerStatus): void {
    const prev = this.server.get(p.uri);
    this.server.set(p.uri, { ...prev, ...p, problems: p.problems ?? prev?.problems });
    if (vscode.window.activeTextEditor?.document.uri.toString() === p.uri) this.update();
  }

  /** Lines for the tooltip: checking on save only, problems capped. */
  private serverNotes(uri: vscode.Uri): { onSave: boolean; notes: string[] } {
    const st = this.server.get(uri.toString());
    const notes: string[] = [];
    const onSave = st?.mode === 'onSave';
    if (onSave && st?.reason === 'size' && st.size !== undefined && st.limit !== undefined) {
      notes.push(t('文档有 {0}，超过 gongwen.maxFileSize（{1}），只在打开和保存时检查', 'The document has {0}, over gongwen.maxFileSize ({1}): checked on open and save only', size(st.size), size(st.limit)));
    } else if (onSave) {
      notes.push(t('检查用时超过 gongwen.timeBudget，此后只在保存时检查', 'Checking took longer than gongwen.timeBudget: checked on save only'));
    }
    if (st?.problems && st.problems.shown < st.problems.total) {
      notes.push(t('共 {0} 个问题，按 gongwen.maxProblems 只显示最重要的 {1} 个', '{0} problems; showing the {1} most severe (gongwen.maxProblems)', st.problems.total, st.problems.shown));
    }
    return { onSave, notes };
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.languages().includes(doc.languageId)) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const name = t('公文', 'Gongwen');
    if (this.isDisabled(doc.uri)) {
      this.item.text = `$(circle-slash) ${name}`;
      this.item.tooltip = t('本文档的公文检查已关闭（命令“公文：切换本文档的检查”可重新开启）', 'Gongwen checking is off for this document (run “Gongwen: Toggle Checking for This Document” to turn it on)');
      this.item.backgroundColor = undefined;
    } else {
      const ds = gongwenDiagnostics(doc.uri);
      const errors = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
      const warnings = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
      const others = ds.length - errors - warnings;
      if (!errors && !warnings) {
        this.item.text = `${name} ✓`;
        this.item.tooltip = others
          ? t('公文检查：没有错误和警告，{0} 条提示。点击打开“问题”面板', 'Gongwen: no errors or warnings, {0} hints. Click to open the Problems panel', others)
          : t('公文检查：没有发现问题', 'Gongwen: no problems found');
      } else {
        this.item.text = `${name} $(error) ${errors} $(warning) ${warnings}`;
        this.item.tooltip = t('公文检查：错误 {0}，警告 {1}。点击打开“问题”面板', 'Gongwen: {0} errors, {1} warnings. Click to open the Problems panel', errors, warnings);
      }
      this.item.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
      const { onSave, notes } = this.serverNotes(doc.uri);
      if (onSave) this.item.text = `$(history) ${this.item.text}`;
      if (notes.length) this.item.tooltip = [this.item.tooltip as string, ...notes].join('\n');
    }
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

export async function showProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}
