// The custom requests the client sends, with the shapes the server answers (server/src/server.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface Pos {
  line: number;
  character: number;
}

export interface Rng {
  start: Pos;
  end: Pos;
}

export interface OutlineSymbolDto {
  name: string;
  /** The marker as written, e.g. （一）. */
  detail: string;
  level: number;
  range: Rng;
  selectionRange: Rng;
  children: OutlineSymbolDto[];
  /** 'element' for a 公文 element (标题, 主送机关, 正文, 成文日期…) around the numbered tree. */
  kind?: 'outline' | 'element';
}

export interface OutlineResult {
  version: number;
  symbols: OutlineSymbolDto[];
}

export interface CodeCount {
  code: string;
  count: number;
  severity: string;
  description: string;
}

export interface PhraseCount {
  phrase: string;
  count: number;
  /** 1-based lines. */
  lines: number[];
  category?: string;
}

export interface StatisticsResult {
  locale: string;
  characters: number;
  paragraphs: number;
  outlineItems: number;
  findings: number;
  codes: CodeCount[];
  hanCharacters?: number;
  clichesByCategory?: { category: string; count: number }[];
  topCliches?: PhraseCount[];
  repeatedPhrases?: PhraseCount[];
  /** Anything else the server adds is shown as a table of its own. */
  [key: string]: unknown;
}

export type ClientRef = () => LanguageClient | undefined;

export async function requestOutline(client: ClientRef, uri: string): Promise<OutlineResult | undefined> {
  const c = client();
  if (!c || !c.isRunning()) return undefined;
  return (await c.sendRequest<OutlineResult | null>('gongwen/outline', { textDocument: { uri } })) ?? undefined;
}

export async function requestStatistics(client: ClientRef, uri: string): Promise<StatisticsResult | undefined> {
  const c = client();
  if (!c || !c.isRunning()) return undefined;
  return (await c.sendRequest<StatisticsResult | null>('gongwen/statistics', { textDocument: { uri } })) ?? undefined;
}

/** Our diagnostics (source gongwen) for a document. */
export function gongwenDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gongwen');
}
