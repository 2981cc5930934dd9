// Converts the core's plain findings and symbols to LSP types.
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SymbolKind,
  TextEdit,
} from 'vscode-languageserver/node';
import type { Finding, FoldRange, OutlineSymbol, Severity } from './core';

export const SOURCE = 'gongwen';
export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.gongwen';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * `related`: whether the client shows related locations (publishDiagnostics.relatedInformation); a client
 * that does not declare it gets none, and the bytes it would only throw away are not sent.
 */
export function toDiagnostic(f: Finding, uri: string, related = true): Diagnostic {
  // Ranges are copied: a diagnostic is a snapshot, reused across analyses while it still says the same
  // (toDiagnostics) and encoded once (encodeMessage), so it must not share objects the core might change.
  const d: Diagnostic = {
    range: copyRange(f.range),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: SOURCE,
    message: f.message,
    // Present even when there is none (undefined, left out of the JSON): every Diagnostic has one shape, as every
    // finding has (core/types.ts finding).
    relatedInformation: related && f.related?.length ? f.related.map((r) => ({ location: { uri, range: copyRange(r.range) }, message: r.message })) : undefined,
  };
  return d;
}

type Range = Diagnostic['range'];

function copyRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether `d` (made by toDiagnostic for `uri`) is what toDiagnostic would make of `f`. */
function saysSame(d: Diagnostic, f: Finding, uri: string, related: boolean): boolean {
  if (d.code !== f.code || d.severity !== SEVERITY[f.severity] || d.message !== f.message || !sameRange(d.range, f.range)) return false;
  const rd = d.relatedInformation;
  const rf = related && f.related?.length ? f.related : undefined;
  if (!rd || !rf) return rd === rf;
  if (rd.length !== rf.length) return false;
  for (let j = 0; j < rd.length; j++) {
    if (rd[j].message !== rf[j].message || rd[j].location.uri !== uri || !sameRange(rd[j].location.range, rf[j].range)) return false;
  }
  return true;
}

/** Orders a diagnostic against a finding as checkDocument sorts findings: by start, then code. */
function order(d: Diagnostic, f: Finding): number {
  const a = d.range.start;
  const b = f.range.start;
  if (a.line !== b.line) return a.line - b.line;
  if (a.character !== b.character) return a.character - b.character;
  const c = String(d.code);
  return c < f.code ? -1 : c > f.code ? 1 : 0;
}

/**
 * What an editor is sent of a document's findings: all but the cliché hint on an occurrence that is overused
 * too. The two lay on the same characters, and the hint said again what the hover says (the overused finding
 * carries the phrase's why and advice as its detail); the hint's quick fixes are offered on the overused
 * finding (server.ts onCodeAction). gongwen-lint prints both: a terminal has no hover. Findings come sorted by
 * place, then code, so such a hint comes just before its overused finding, with at most other cliché findings
 * at the same start in between. The same list when there is nothing to leave out.
 */
export function editorFindings(findings: readonly Finding[]): readonly Finding[] {
  let out: Finding[] | undefined;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.code === 'cliche' && overusedAt(findings, i)) {
      out ??= findings.slice(0, i);
    } else if (out) out.push(f);
  }
  return out ?? findings;
}

/** Whether the cliché hint findings[i] has an overused finding over the same characters. */
function overusedAt(findings: readonly Finding[], i: number): boolean {
  const r = findings[i].range;
  for (let j = i + 1; j < findings.length; j++) {
    const g = findings[j];
    if (g.range.start.line !== r.start.line || g.range.start.character !== r.start.character || !g.code.startsWith('cliche')) return false;
    if (g.code === 'cliche-overused' && sameRange(g.range, r)) return true;
  }
  return false;
}

/**
 * The cliché hint that editorFindings left out under an overused finding (over the same characters), whose
 * quick fixes the light bulb offers on the overused one; undefined for any other finding.
 */
export function foldedHint(findings: readonly Finding[], overused: Finding): Finding | undefined {
  if (overused.code !== 'cliche-overused') return undefined;
  return findings.find((x) => x.code === 'cliche' && sameRange(x.range, overused.range));
}

/**
 * toDiagnostic for every finding, reusing the Diagnostic objects of `previous` (the last list for this
 * document) for the findings that say exactly the same: while someone types, all but a few findings are
 * unchanged, and a reused object keeps its encoded JSON (frameMessage). Both lists are sorted as
 * checkDocument sorts findings (by start, then code), so one walk over both finds the candidates.
 */
export function toDiagnostics(findings: readonly Finding[], uri: string, previous?: readonly Diagnostic[], related = true): Diagnostic[] {
  const n = findings.length;
  const out = new Array<Diagnostic>(n);
  const pn = previous?.length ?? 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    // The same index first: the common case, and it keeps the walk in step.
    if (i < pn && saysSame(previous![i], f, uri, related)) {
      out[i] = previous![i];
      continue;
    }
    while (j < pn && order(previous![j], f) < 0) j++;
    let hit: Diagnostic | undefined;
    for (let k = j; k < pn && order(previous![k], f) === 0; k++) {
      if (saysSame(previous![k], f, uri, related)) {
        hit = previous![k];
        break;
      }
    }
    out[i] = hit ?? toDiagnostic(f, uri, related);
  }
  return out;
}

// ---- JSON-RPC encoding: each diagnostic is turned into UTF-8 JSON once ----

const encoded = new WeakMap<object, Buffer>();

function encodedDiagnostic(d: Diagnostic): Buffer {
  let b = encoded.get(d);
  if (!b) encoded.set(d, (b = Buffer.from(JSON.stringify(d), 'utf8')));
  return b;
}

/**
 * Frames of this size or more are written into a reused buffer. A long document publishes ~1 MB of diagnostics
 * after every keystroke, and a fresh buffer that large is a fresh mapping (server/launch.json fixes glibc's mmap
 * threshold at 64 KB), each of whose pages faults in as the frame is copied in: ~210 faults, ~0.7 ms of a
 * keystroke at 1 MB on the bench machine.
 */
const REUSE_MIN = 64 * 1024;
/** Larger frames (a whole document's symbols) get a buffer of their own, not kept afterwards. */
const REUSE_MAX = 4 * 1024 * 1024;
/** The buffer of the last large frame the stream is done with (frameWritten), for the next one. */
let spareFrame: Buffer | undefined;

function frameBuffer(size: number): Buffer {
  if (size < REUSE_MIN || size > REUSE_MAX) return Buffer.allocUnsafe(size);
  const spare = spareFrame;
  if (spare && spare.length >= size) {
    spareFrame = undefined;
    return spare.subarray(0, size);
  }
  // Room for the next list to be a little longer.
  return Buffer.allocUnsafe(Math.min(REUSE_MAX, size + (size >> 3))).subarray(0, size);
}

/**
 * Hands back a frame from frameMessage once nothing reads it any more (the stream's write callback has run, or
 * it was never to be sent): the next large frame may then be written into the same memory. A frame never handed
 * back is simply collected.
 */
export function frameWritten(frame: Buffer): void {
  const whole = frame.buffer;
  if (frame.length < REUSE_MIN || frame.byteOffset !== 0 || whole.byteLength > REUSE_MAX) return;
  if (!spareFrame || spareFrame.length < whole.byteLength) spareFrame = Buffer.from(whole);
}

/** A whole frame: the Content-Length header, then the UTF-8 JSON. */
function frame(parts: (Buffer | number)[], bodyLength: number): Buffer {
  const header = `Content-Length: ${bodyLength}\r\n\r\n`;
  const out = frameBuffer(header.length + bodyLength);
  let at = out.write(header, 0, 'ascii');
  for (const p of parts) {
    if (typeof p === 'number') out[at++] = p;
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}

/**
 * A JSON-RPC message framed for a stream (header and UTF-8 JSON in one buffer, for one write), with the same
 * JSON as vscode-jsonrpc's own encoder writes (JSON.stringify), except that the diagnostics of
 * textDocument/publishDiagnostics are encoded once per Diagnostic object and copied from then on: a long
 * document publishes up to gongwen.maxProblems diagnostics after each keystroke, nearly all of them the very
 * objects sent the time before (toDiagnostics).
 */
export function frameMessage(msg: unknown): Buffer {
  const m = msg as { jsonrpc?: unknown; method?: unknown; params?: { diagnostics?: unknown } };
  const p = m?.params;
  // The fast path writes the keys in the order JSON.stringify would: jsonrpc, method, params; diagnostics last.
  if (
    m?.method !== 'textDocument/publishDiagnostics' ||
    Object.keys(m).join() !== 'jsonrpc,method,params' ||
    !p ||
    typeof p !== 'object' ||
    !Array.isArray(p.diagnostics) ||
    Object.keys(p).pop() !== 'diagnostics' ||
    'toJSON' in p
  ) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    return frame([body], body.length);
  }
  const { diagnostics, ...rest } = p as { diagnostics: Diagnostic[] };
  const restJson = JSON.stringify(rest);
  const head = Buffer.from(
    `{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":${JSON.stringify(m.method)},"params":` +
      `${restJson.slice(0, -1)}${restJson.length > 2 ? ',' : ''}"diagnostics":[`,
    'utf8',
  );
  const parts: (Buffer | number)[] = [head];
  let length = head.length + 3 + Math.max(0, diagnostics.length - 1);
  for (let i = 0; i < diagnostics.length; i++) {
    if (i) parts.push(0x2c); // ,
    const d = diagnostics[i];
    const b = d && typeof d === 'object' && !Array.isArray(d) ? encodedDiagnostic(d) : Buffer.from(JSON.stringify(d) ?? 'null', 'utf8');
    parts.push(b);
    length += b.length;
  }
  parts.push(0x5d, 0x7d, 0x7d); // ]}}
  return frame(parts, length);
}

/** The finding a diagnostic sent back by the client stands for. */
export function sameFinding(d: Diagnostic, f: Finding): boolean {
  return (
    d.code === f.code &&
    d.range.start.line === f.range.start.line &&
    d.range.start.character === f.range.start.character &&
    d.range.end.line === f.range.end.line &&
    d.range.end.character === f.range.end.character
  );
}

export function quickFixes(f: Finding, d: Diagnostic, uri: string): CodeAction[] {
  return (f.fixes ?? []).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: !!fix.preferred,
    edit: { changes: { [uri]: fix.edits as TextEdit[] } },
  }));
}

const LEVEL_KIND = [SymbolKind.Namespace, SymbolKind.Namespace, SymbolKind.Struct, SymbolKind.Field, SymbolKind.EnumMember, SymbolKind.Constant];

export function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  const kind = (s as { kind?: string }).kind === 'element' ? SymbolKind.Key : LEVEL_KIND[s.level] ?? SymbolKind.Constant;
  return {
    name: s.name || s.detail || '…',
    detail: s.detail,
    kind,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

export function toFoldingRange(r: FoldRange): FoldingRange {
  return { startLine: r.startLine, endLine: r.endLine, kind: FoldingRangeKind.Region };
}
