// The VS Code side: starts the language server and forwards commands to it. It knows no rule.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { copyOutline, exportOutline, insertTemplate, showStatistics } from './commands';
import { t } from './l10n';
import { OutlineProvider, revealOutlineItem } from './outlineView';
import { GongwenStatus, ServerStatus, showProblems } from './status';
import { CheckingToggle } from './toggle';

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

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
    middleware: {
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

/**
 * Stops the client and starts a new one. Restarts run one after another: two quick changes of
 * gongwen.languages must not start a client while the previous one is still stopping.
 */
function restart(context: vscode.ExtensionContext): Promise<void> {
  restarting = restarting.catch(() => undefined).then(async () => {
    if (client) await client.stop().catch(() => undefined);
    client = createClient(context);
    await client.start();
  });
  return restarting;
}

export async function activate(context: vscode.ExtensionContext): Promise<GongwenApi> {
  toggle = new CheckingToggle(context.workspaceState);
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
