// A minimal LSP client for the protocol tests: spawns the built server over stdio and speaks JSON-RPC to it
// as an editor would. Each test file extends it with what it needs.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
const LAUNCH: { execArgv: string[]; env: Record<string, string>; unsetEnv: string[] } = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'launch.json'), 'utf8'));
/** The V8 flags the VS Code client starts the server with. */
export const SERVER_EXEC_ARGV: string[] = LAUNCH.execArgv;
/** The environment the VS Code client starts the server with: this one with server/launch.json's env, without its unsetEnv. */
export function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env, ...LAUNCH.env };
  for (const name of LAUNCH.unsetEnv) delete env[name];
  return env;
}

/** A suite that talks to the built server stops at once, saying why, when there is none. */
export function requireBuiltServer(): void {
  before(function () {
    if (!fs.existsSync(SERVER)) throw new Error('dist/server.js is missing: run npm run build first');
  });
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface Diag {
  code: string;
  source?: string;
  severity?: number;
  message: string;
  range: Range;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}
export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diag[];
}

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly published: Published[] = [];
  /** window/showMessage texts. */
  readonly shown: string[] = [];
  /** workspace/applyEdit requests, answered as applied. */
  readonly applied: unknown[] = [];
  /** What the server gets for each workspace/configuration item (the gongwen section). */
  settings: unknown = null;
  private waiters: { from: number; pred: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];

  constructor() {
    this.proc = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: serverEnv() });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      const at = this.published.length - 1;
      this.waiters = this.waiters.filter((w) => (at >= w.from && w.pred(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('window/showMessage', (p: { message: string }) => void this.shown.push(p.message));
    this.conn.onNotification(() => undefined);
    this.conn.onRequest('workspace/applyEdit', (p: unknown) => {
      this.applied.push(p);
      return { applied: true };
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest(() => null);
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  /** The first diagnostics published from index `from` on that match, already received or still to come. */
  diagnostics(pred: (p: Published) => boolean, from = 0): Promise<Published> {
    const have = this.published.slice(from).find(pred);
    if (have) return Promise.resolve(have);
    return new Promise((resolve) => this.waiters.push({ from, pred, resolve }));
  }

  /** The diagnostics published last for a document. */
  last(uri: string): Published | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  async initialize(params: Record<string, unknown> = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const r = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      locale: 'zh-cn',
      // As VS Code declares them (an override replaces the whole object).
      capabilities: { workspace: { applyEdit: true, configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
      ...params,
    });
    await this.conn.sendNotification('initialized', {});
    return r as { capabilities: Record<string, unknown> };
  }

  openDocument(uri: string, text: string, version = 1, languageId = 'plaintext') {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async close() {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    await new Promise((r) => this.proc.once('exit', r));
    this.conn.dispose();
  }

  /** After a test: shuts a server that still runs down, or kills it when it does not answer. */
  async stop() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) await this.close().catch(() => this.proc.kill());
  }
}
