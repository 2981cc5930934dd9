// Helpers for the in-editor suite. Everything waits on events or polls a condition with a deadline;
// nothing sleeps for a fixed time.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gongwen.gongwen';
export const SOURCE = 'gongwen';
const DEFAULT_TIMEOUT = 15_000;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is not open');
  return folder.uri;
}

export function fixtureUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

export async function readFixture(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(rel)));
}

export async function openFixture(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** An unsaved document with the given text: edits in it never touch the fixture files. */
export async function openUntitled(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Closes all editors without saving (untitled documents are reverted first so no dialog appears). */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && !doc.isClosed) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

const SEVERITY = ['error', 'warning', 'information', 'hint'];

/** Our diagnostics for a document, in document order. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start) || codeOf(a).localeCompare(codeOf(b)));
}

/** "line:char-line:char severity code", 0-based, for readable assertions. */
export function describe(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${SEVERITY[d.severity]} ${codeOf(d)}`;
}

export function describeAll(uri: vscode.Uri): string[] {
  return ours(uri).map(describe);
}

/**
 * Resolves with our diagnostics for `uri` once `accept` holds for them. Listens to
 * onDidChangeDiagnostics (subscribed before the first check, so no change is missed).
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(ours(uri));
    };
    const check = () => {
      try {
        if (accept(ours(uri))) finish();
      } catch (e) {
        finish(e as Error);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now:\n  ${describeAll(uri).join('\n  ') || '(none)'}`)),
      timeoutMs,
    );
    check();
  });
}

/** Waits until the described diagnostics are exactly `expected` (order-independent). */
export function waitForExactly(uri: vscode.Uri, expected: string[], what: string, timeoutMs = DEFAULT_TIMEOUT): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort().join('\n');
  return waitForDiagnostics(uri, (ds) => ds.map(describe).sort().join('\n') === want, `${what}:\n  ${expected.join('\n  ')}`, timeoutMs);
}

/** Polls `probe` every 50 ms until it returns something other than undefined/false, or fails after the deadline. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = DEFAULT_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with `doc`'s text once `accept` holds for it (polled), or fails after the deadline. */
export function waitForText(doc: vscode.TextDocument, accept: (text: string) => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT): Promise<string> {
  return waitFor(() => (accept(doc.getText()) ? doc.getText() : undefined), what, timeoutMs);
}

/** Types text at the cursor as a user would (through the editor's `type` command). */
export async function typeText(editor: vscode.TextEditor, at: vscode.Position, text: string): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('type', { text });
}

export async function setting<T>(section: string, key: string, value: T | undefined): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Marks the running test pending and says why in the report (for features that have not landed yet). */
export function pending(ctx: Mocha.Context, reason: string): never {
  console.log(`[gongwen-e2e]       (pending: ${reason})`);
  ctx.skip();
}

export async function hasCommand(id: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(id);
}

/** Code actions for a range, as the light bulb would ask for them. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
    100, // resolve lazily computed edits too
  )) ?? [];
  return actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Our server processes: descendants of this extension host running dist/server.js. */
export function serverPids(): number[] {
  if (process.platform === 'win32') return [];
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = out
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (mine.has(r.ppid) && !mine.has(r.pid)) {
        mine.add(r.pid);
        grew = true;
      }
    }
  }
  return rows.filter((r) => r.pid !== process.pid && mine.has(r.pid) && /dist[\\/]server\.js/.test(r.args)).map((r) => r.pid);
}

/**
 * What the extension's output channel ("Gongwen Writing Assistant") holds so far, read from the log file VS
 * Code keeps of it under the user data folder the harness names ('' before anything is written); undefined where
 * that folder is not known.
 */
export function outputChannelLog(): string | undefined {
  const userData = process.env.GONGWEN_E2E_USER_DATA_DIR;
  if (!userData) return undefined;
  const logs = path.join(userData, 'logs');
  if (!fs.existsSync(logs)) return ''; // nothing written yet
  // logs/<session>/exthost<n>/<publisher.name>/<channel>.log, the newest session first.
  for (const session of fs.readdirSync(logs).sort().reverse()) {
    for (const host of fs.readdirSync(path.join(logs, session)).filter((h) => h.startsWith('exthost'))) {
      const dir = path.join(logs, session, host, EXTENSION_ID);
      if (!fs.existsSync(dir)) continue;
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log'));
      if (files.length) return files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    }
  }
  return ''; // nothing written yet
}
