// The VS Code side: starts the language server and forwards commands to it. It knows no rule.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function languages(): string[] {
  const l = vscode.workspace.getConfiguration('gongwen').get<string[]>('languages');
  return Array.isArray(l) && l.length ? l : ['plaintext', 'markdown', 'gongwen'];
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
    synchronize: { configurationSection: 'gongwen' },
    diagnosticCollectionName: 'gongwen',
    middleware: {
      // The server's commands (gongwen.renumberOutline, gongwen.fixAll) are registered by the client library;
      // from the command palette they come without arguments, so they act on the active editor's document.
      executeCommand: async (command, args, next) => {
        if (!args.length) {
          const editor = vscode.window.activeTextEditor;
          if (!editor) {
            void vscode.window.showInformationMessage(vscode.l10n.t('请先打开一个公文文档。'));
            return undefined;
          }
          args = [editor.document.uri.toString()];
        }
        return next(command, args);
      },
    },
  };
  return new LanguageClient('gongwen', vscode.l10n.t('公文写作助手'), serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  client = createClient(context);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('gongwen.languages') && client) {
        await client.stop();
        client = createClient(context);
        await client.start();
      }
    }),
  );
  await client.start();
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
