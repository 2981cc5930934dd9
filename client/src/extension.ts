// The VS Code side: starts the language server and forwards commands to it. It knows no rule.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { copyOutline, exportOutline, insertTemplate, showStatistics } from './commands';
import { t } from './l10n';
import { OutlineProvider, revealOutlineItem } from './outlineView';
import { GongwenStatus, ServerStatus, showProblems } from './status';
import { CheckingToggle } from './toggle';
import serverLaunch from '../../server/launch.json';

let client: LanguageClient | undefined;
let toggle: CheckingToggle | undefined;
let statusItem: GongwenStatus | undefined;

function languages(): string[] {
  const l = vscode.workspace.getConfiguration('gongwen').get<string[]>('languages');
  return Array.isArray(l) && l.length ? l : ['plaintext', 'markdown', 'gongwen'];
}

let configWatcher: vscode.FileSystemWatcher | undefined;

/** One watcher for the extension's life: clients made again on restart share it instead of leaking one each. */
function configFileWatcher(context: vscode.ExtensionContext): vscode.FileSystemWatcher {
  if (!configWatcher) {
    configWatcher = vscode.workspace.createFileSystemWatcher('**/.gongwenrc.json');
    context.subscriptions.push(configWatcher);
  }
  return configWatcher;
}

/**
 * When the server process dies, start it again after a pause that doubles with each crash (0.25 s, 0.5 s,
 * 1 s … 8 s); after 5 crashes within 3 minutes stop, and say so with a button to try again. On a restart the
 * client library opens every document again with the editor's current text, so nothing typed while the
 * server was down is lost. (The library's default restarts at once, 4 times, with a generic message.)
 */
export class RestartPolicy implements ErrorHandler {
  private crashes: number[] = [];
  static readonly MAX_CRASHES = 5;
  static readonly WINDOW_MS = 3 * 60_000;

  error() {
    // Read and write errors are followed by the connection's close, and closed() decides: restart with a
    // back-off, or stop after too many crashes. Shutting down here instead would stop the client for good —
    // over stdio a killed server gives several broken-pipe errors before the close, and the fourth one did.
    return { action: ErrorAction.Continue, handled: true };
  }

  /** The pause before restart number n (1-based) in the current window. */
  static delay(n: number): number {
    return Math.min(8000, 250 * 2 ** (n - 1));
  }

  async closed(): Promise<CloseHandlerResult> {
    const now = Date.now();
    this.crashes = this.crashes.filter((at) => now - at < RestartPolicy.WINDOW_MS);
    this.crashes.push(now);
    if (this.crashes.length >= RestartPolicy.MAX_CRASHES) {
      const again = t('重启服务器', 'Restart server');
      void vscode.window
        .showErrorMessage(
          t('公文写作助手的语言服务器在 3 分钟内崩溃了 {0} 次，已停止自动重启。详情见“输出”面板的“公文写作助手”。', 'The Gongwen language server crashed {0} times in 3 minutes and will not be restarted automatically. See the "Gongwen Writing Assistant" output channel.', this.crashes.length),
          again,
        )
        .then((pick) => {
          if (pick === again) {
            this.crashes = [];
            void vscode.commands.executeCommand('gongwen.restartServer');
          }
        });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    await new Promise((r) => setTimeout(r, RestartPolicy.delay(this.crashes.length)));
    return { action: CloseAction.Restart, handled: true };
  }
}

/**
 * What server/launch.json changes in the extension host's environment for the server. NODE_EXTRA_CA_CERTS
 * goes: it makes Node read and parse a certificate bundle as it starts, for TLS the server never opens (where
 * it names the system bundle, as behind many company proxies, that is ~70 ms of every start; an undefined
 * value is left out of the child's environment). Two settings of glibc's allocator (other C libraries ignore
 * them), each worth ~10-15 MB at the peak of a check of a 10 MB document: MALLOC_ARENA_MAX=2 keeps it from
 * giving each of Node's threads an arena of its own; MALLOC_MMAP_THRESHOLD_=65536 gives every block of 64 KB or
 * more a mapping of its own, handed back when it is freed. By default glibc raises that threshold to the size of
 * the largest block freed so far (up to 32 MB), so once the 10 MB didOpen message is freed, the socket's 64 KB
 * read buffers and the checks' typed arrays come from the main heap, and the holes they leave stay resident.
 */
function serverEnv(): Record<string, string | undefined> {
  return { ...serverLaunch.env, ...Object.fromEntries(serverLaunch.unsetEnv.map((name) => [name, undefined])) };
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // stdio: the server writes each message as one framed buffer with its diagnostics' JSON cached
    // (server/src/convert.ts frameMessage); node-ipc would serialise every message afresh. The V8 flags and
    // the environment come from server/launch.json, which bench/latency.mjs and the protocol tests use too.
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...serverLaunch.execArgv], env: serverEnv() } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...serverLaunch.execArgv, '--nolazy', '--inspect=6019'], env: serverEnv() } },
  };
  const selector = languages().flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
    { scheme: 'vscode-remote', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    // .gongwenrc.json changes reach the server as workspace/didChangeWatchedFiles: it re-reads the file and
    // re-checks open documents; its problems are published as diagnostics on the file itself.
    synchronize: { configurationSection: 'gongwen', fileEvents: configFileWatcher(context) },
    diagnosticCollectionName: 'gongwen',
    errorHandler: new RestartPolicy(),
    // In Restricted Mode the workspace's .gongwenrc.json may only narrow what is reported (docs/robustness.md).
    initializationOptions: { isTrusted: vscode.workspace.isTrusted },
    middleware: {
      // A change of gongwen.languages restarts the client (below), and the new server reads its settings as it
      // starts: the old client, being stopped, must not try to send it the change (it would log "Starting
      // server failed" for a connection the restart has just closed).
      workspace: { didChangeConfiguration: (sections, next) => (retiring.has(c) ? Promise.resolve() : next(sections)) },
      // Documents switched off with gongwen.toggleChecking keep their findings hidden.
      handleDiagnostics: (uri, diagnostics, next) => (toggle ? toggle.handleDiagnostics(uri, diagnostics, next) : next(uri, diagnostics)),
      // The server's commands (gongwen.renumberOutline, gongwen.fixAll) are registered by the client library;
      // from the command palette they come without arguments, so they act on the active editor's document.
      executeCommand: async (command, args, next) => {
        if (!args.length) {
          const editor = vscode.window.activeTextEditor;
          if (!editor) {
            void vscode.window.showInformationMessage(t('请先打开一个公文文档。', 'Open a 公文 document first.'));
            return undefined;
          }
          args = [editor.document.uri.toString()];
        }
        return next(command, args);
      },
    },
  };
  const c = new LanguageClient('gongwen', t('公文写作助手', 'Gongwen Writing Assistant'), serverOptions, clientOptions);
  // Large or slow documents are checked on save only, and long lists are capped: the status bar says so.
  c.onNotification('gongwen/status', (p: ServerStatus) => statusItem?.serverState(p));
  return c;
}

/** What the extension hands to other extensions and to the real-editor tests. */
export interface GongwenApi {
  client: () => LanguageClient | undefined;
  outline: OutlineProvider;
  status: GongwenStatus;
  toggle: CheckingToggle;
}

let restarting: Promise<void> = Promise.resolve();
/** Clients a restart is replacing: they send the server nothing more about settings. */
const retiring = new WeakSet<LanguageClient>();

/**
 * Stops the client and starts a new one. Restarts run one after another: two quick changes of
 * gongwen.languages must not start a client while the previous one is still stopping.
 */
function restart(context: vscode.ExtensionContext): Promise<void> {
  // At once, before the library's own listener of the same configuration change runs.
  if (client) retiring.add(client);
  restarting = restarting.catch(() => undefined).then(async () => {
    if (client) await client.stop().catch(() => undefined);
    client = createClient(context);
    await client.start();
  });
  return restarting;
}

export async function activate(context: vscode.ExtensionContext): Promise<GongwenApi> {
  toggle = new CheckingToggle(context.workspaceState);
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('gongwen/workspaceTrust', { trusted: true })));
  client = createClient(context);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('gongwen.languages') && client) await restart(context);
    }),
  );
  await client.start();

  const ref = () => client;
  const checking = toggle;
  const outline = new OutlineProvider(ref, languages);
  const status = new GongwenStatus(languages, (uri) => checking.isDisabled(uri));
  statusItem = status;
  const activeUri = (): vscode.Uri | undefined => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri) void vscode.window.showInformationMessage(t('请先打开一个公文文档。', 'Open a 公文 document first.'));
    return uri;
  };
  const command = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  context.subscriptions.push(outline, status, checking, checking.onDidChange(() => status.update()));
  command('gongwen.revealOutlineItem', (uri: vscode.Uri, line: number, character: number) => revealOutlineItem(uri, line, character));
  command('gongwen.showProblems', () => showProblems());
  command('gongwen.insertTemplate', (name?: string) => insertTemplate(context, typeof name === 'string' ? name : undefined));
  command('gongwen.copyOutline', () => copyOutline(outline));
  command('gongwen.exportOutline', () => exportOutline(outline));
  command('gongwen.showStatistics', () => showStatistics(ref));
  command('gongwen.toggleChecking', async (arg?: vscode.Uri) => {
    const uri = arg instanceof vscode.Uri ? arg : activeUri();
    if (!uri) return undefined;
    const on = await checking.toggle(uri, client);
    void vscode.window.setStatusBarMessage(
      on ? t('已开启本文档的公文检查', 'Gongwen checking is on for this document') : t('已关闭本文档的公文检查', 'Gongwen checking is off for this document'),
      3000,
    );
    return on;
  });
  command('gongwen.restartServer', async () => {
    await restart(context);
    outline.schedule(0);
    void vscode.window.setStatusBarMessage(t('公文语言服务器已重启', 'Gongwen language server restarted'), 3000);
  });
  return { client: ref, outline, status, toggle: checking };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
