// Small helpers shared by the unit tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits, checkText, CheckOptions, DocFormat, Finding, fixAllEdits, GwDocument } from '../../server/src/core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SEED_DIR = path.resolve(ROOT, '..', 'shared', 'seed');

/** The benchmark's document generator (bench/generate.mjs), which the tests that edit long drafts share. */
export interface Generator {
  generate(bytes: number, seed?: number, cliches?: string[]): { text: string };
  prng(seed: number): () => number;
  loadCliches(): { phrases: string[] };
}

export async function loadGenerator(): Promise<Generator> {
  return (await import(pathToFileURL(path.join(ROOT, 'bench', 'generate.mjs')).href)) as Generator;
}

/** The seed speech, or undefined when the shared folder is not beside the checkout. */
export function seedText(): string | undefined {
  if (!fs.existsSync(SEED_DIR)) return undefined;
  const f = fs.readdirSync(SEED_DIR).find((n) => n.endsWith('.txt'));
  return f ? fs.readFileSync(path.join(SEED_DIR, f), 'utf8') : undefined;
}

export function findings(text: string, format: DocFormat = 'plaintext', options: Partial<CheckOptions> = {}): Finding[] {
  return checkText(text, format, options).findings;
}

export function codesOf(text: string, codes: string[], format: DocFormat = 'plaintext', options: Partial<CheckOptions> = {}): Finding[] {
  return findings(text, format, options).filter((f) => codes.includes(f.code));
}

/** "line:col code" strings (1-based) for compact assertions. */
export function brief(fs_: Finding[]): string[] {
  return fs_.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
}

/** The text a finding's range covers. */
export function covered(text: string, f: Finding): string {
  const doc = new GwDocument(text);
  return text.slice(doc.offsetAt(f.range.start), doc.offsetAt(f.range.end));
}

export function fixAll(text: string, format: DocFormat = 'plaintext'): string {
  const { doc, findings } = checkText(text, format);
  return applyEdits(doc, fixAllEdits(doc, findings));
}
