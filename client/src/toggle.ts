// Per-document switch for checking, kept on the client: the server keeps checking (other features need its
// model), and the diagnostics of a switched-off document are held back in the handleDiagnostics middleware.
// The set of switched-off documents is kept in workspaceState, so it survives a reload.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const KEY = 'gongwen.disabledDocuments';

export class CheckingToggle {
  private readonly disabled: Set<string>;
  /** The last diagnostics the server sent per document, to show again when checking is switched back on. */
  private readonly last = new Map<string, vscode.Diagnostic[]>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    this.disabled = new Set(state.get<string[]>(KEY, []));
  }

  isDisabled(uri: vscode.Uri): boolean {
    return this.disabled.has(uri.toString());
  }

  /** What the server last sent for a document, shown or not. */
  received(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.last.get(uri.toString()) ?? [];
  }

  /** For LanguageClientOptions.middleware.handleDiagnostics. */
  handleDiagnostics(uri: vscode.Uri, diagnostics: vscode.Diagnostic[], next: (uri: vscode.Uri, d: vscode.Diagnostic[]) => void): void {
    this.last.set(uri.toString(), diagnostics);
    next(uri, this.isDisabled(uri) ? [] : diagnostics);
  }

  /** Switches checking for a document; returns whether it is now on. */
  async toggle(uri: vscode.Uri, client: LanguageClient | undefined): Promise<boolean> {
    const key = uri.toString();
    const on = this.disabled.has(key);
    if (on) this.disabled.delete(key);
    else this.disabled.add(key);
    await this.state.update(KEY, [...this.disabled]);
    client?.diagnostics?.set(uri, on ? (this.last.get(key) ?? []) : []);
    this.changed.fire(uri);
    return on;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
