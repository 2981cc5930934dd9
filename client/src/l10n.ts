// User-facing strings: Chinese first in the source, English second. VS Code's l10n uses the message itself as
// the key and returns it untranslated when the display language is English (it loads no bundle for `en`), and
// otherwise looks it up in l10n/bundle.l10n.<language>.json. So the English text is the key, and the Chinese
// bundles (zh-cn, zh-tw) map it back to the Chinese written here; test/unit/l10n.test.ts keeps them in step.
import * as vscode from 'vscode';

export function t(zh: string, en: string, ...args: (string | number)[]): string {
  void zh; // documented here, served from the bundle
  return vscode.l10n.t(en, ...args);
}
