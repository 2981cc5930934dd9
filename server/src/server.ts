// The language server: wires LSP to the checking core and nothing else. Runs with --stdio or --node-ipc.
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CompletionItem,
  CompletionItemKind,
  createConnection,
  Diagnostic,
  DocumentDiagnosticReportKind,
  DocumentHighlight,
  DocumentHighlightKind,
  InitializeResult,
  MessageReader,
  ProposedFeatures,
  AbstractMessageWriter,
  Message,
  MessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseTree, ParseError } from 'jsonc-parser';
import {
  CheckOptions,
  checkDocument,
  familyOccurrences,
  fixAllEdits,
  Finding,
  finding,
  foldingRanges,
  forgetDocument,
  GwDocument,
  outlineSymbols,
  renumberEdits,
} from './core';
import { editorFindings, FIX_ALL_KIND, foldedHint, frameMessage, frameWritten, quickFixes, sameFinding, SOURCE, toDiagnostics, toDocumentSymbol, toFoldingRange } from './convert';
import { clearConfigCache, CONFIG_FILE, ConfigLayer, ConfigProblem, configEdits, findConfigFile, isIgnored, Layer, loadConfigFile, mergeLayers, resolveConfig, Resolved, settingsToLayer, toCheckOptions } from './config/config';
import { narrowUntrusted } from './config/untrusted';
import { allowPhraseEdit, ignoreLineEdit, PHRASE_CODES } from './core/suppress';
import { completeOutline, completeOutlineInText, OutlineCompletion } from './core/complete';
import { allCodes } from './core/check';
import { setFindingExtras } from './core/extras';
import { statistics } from './core/stats';
import { looksLikeText, notTextMessage, TextVerdict } from './core/textcheck';
import { categoryEn, getClicheMatcher } from './core/cliche/dictionary';
import { markScratch, setLineCaching } from './core/cache';
import { format as formatArgs } from 'node:util';
import { getHeapSpaceStatistics, setFlagsFromString as setV8Flags } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PieceTextDocument, PieceTextDocuments } from './textdoc';
import { loadPrecompiledAutomaton } from './precompiled';
import { typingWarmUp, WARM_MIN_LENGTH } from './warmup';

/** Writes each message as one framed buffer (convert.ts frameMessage). */
class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;
  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }
  write(msg: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (e: unknown) => {
        this.fireError(e as Error, msg, ++this.errors);
        reject(e);
      };
      try {
        const frame = frameMessage(msg);
        this.out.write(frame, (e?: Error | null) => {
          if (e) return fail(e);
          frameWritten(frame);
          resolve();
        });
      } catch (e) {
        fail(e);
      }
    });
  }
  end(): void {
    this.out.end();
  }
}

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);

/**
 * Over stdio, messages are written by our own writer (convert.ts frameMessage): each diagnostic's JSON is made
 * once, not at every publish, and header and body go out in one write. vscode-languageserver still reads stdin
 * and exits when it closes; as it would for --stdio, console output goes to the client's log instead of into
 * the protocol stream.
 */
function stdioConnection() {
  // The input is the stream itself, as vscode-languageserver takes it for --stdio, so that it still exits when
  // stdin ends (the typings want a reader and a writer, or two streams; the library takes either on each side).
  const c = createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new FrameWriter(process.stdout));
  const log = (...a: unknown[]) => c.console.log(formatArgs(...a));
  console.log = console.info = console.debug = log;
  console.warn = (...a: unknown[]) => c.console.warn(formatArgs(...a));
  console.error = (...a: unknown[]) => c.console.error(formatArgs(...a));
  return c;
}

// The text kept in pieces between changes, joined when read (textdoc.ts): typing into a large document checked
// on save only no longer copies its whole text at every keystroke.
const documents = new TextDocuments(PieceTextDocuments);

/** V8's gc(): a full collection, or with { type: 'minor' } a collection of the young generation only. */
type GcFunction = (options?: { type: 'minor' }) => void;

/**
 * A garbage collection, where V8 lets us ask for one: full, or of the young generation only. The flag is set
 * only while the gc function is taken and then reset: V8's flags must be the same when the bundle's code cache
 * is written as when it is read (server/boot.cjs, which also resets the flag server/launch.json gives at spawn).
 */
function collectGarbage(what: 'full' | 'young'): void {
  if (gcFunction === undefined) gcFunction = findGc();
  if (what === 'young') gcFunction?.({ type: 'minor' });
  else gcFunction?.();
}

function findGc(): GcFunction | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as GcFunction;
  try {
    setV8Flags('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    setV8Flags('--no-expose-gc');
    if (typeof gc === 'function') return gc as GcFunction;
  } catch {
    // no way to ask: V8 collects when it sees fit
  }
  return null;
}
let gcFunction: GcFunction | null | undefined;

/** Young-generation bytes in use above which the pause after a check is used to collect them. */
const IDLE_SCAVENGE_BYTES = 1024 * 1024;

/**
 * Collects V8's young generation once the diagnostics have gone out and no other check waits, so that the
 * collection falls into the pause before the next keystroke instead of into its check. At 100 KB a keystroke
 * makes ~1 MB of objects and V8 collected every few keystrokes, inside a check; done here, the 95th percentile
 * of keystroke latency in bench/latency.mjs went from 22.0, 22.2 and 22.3 ms to 18.7, 21.0 and 17.9 ms (three
 * alternating runs; at 1 MB, whose checks make more than the young generation holds, no clear change).
 */
function scavengeWhenIdle(): void {
  setImmediate(() => {
    if (timers.size > 0) return; // a change came in meanwhile: check it first
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!young || young.space_used_size < IDLE_SCAVENGE_BYTES) return;
    collectGarbage('young');
  });
}

/** Whether the typing path has been warmed up (once per server: V8's compiled code serves every document). */
let warmedUp = false;
/** Edits received (any document; not the content of a document being opened): a warm-up stops at the first. */
let editsSeen = 0;
const WARM_URI = 'gongwen-warmup:/typing';
markScratch(WARM_URI);
/**
 * The warm-up starts after this long without an edit, and waits as long again while another check is due (the
 * other documents of a restored window being opened): a writer who types at once after opening pays neither for
 * its first step (a whole check of the copy, as long as the opening check) nor for any other.
 */
const WARM_AFTER_MS = 300;

/**
 * After the first check of a document typed into (one long enough to be slow cold), once the writer has not
 * typed for WARM_AFTER_MS, types into a private copy of it (warmup.ts), one keystroke per turn of the event
 * loop while nothing else waits: checked, turned into diagnostics and encoded as for a publish, never sent. It
 * stops for good at the first edit (the writer's own typing warms up the rest), and waits while a check is due.
 */
function warmUpAfter(opened: Analysis, opts: ServerOptions): void {
  if (warmedUp || opened.doc.text.length < WARM_MIN_LENGTH) return;
  warmedUp = true;
  const seen = editsSeen;
  let list: Diagnostic[] | undefined;
  let version = 0;
  let ms = 0;
  const step = typingWarmUp(opened.doc.text, opened.doc.format, WARM_URI, (doc) => {
    list = pushedDiagnostics(editorFindings(checkDocument(doc, opts.check)), WARM_URI, list, opts.maxProblems);
    // Never sent: handed back at once, so the next frame (the copy's or a real one) reuses its memory.
    frameWritten(frameMessage({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: WARM_URI, version: ++version, diagnostics: list } }));
  });
  const turn = () => {
    if (editsSeen !== seen) return forgetDocument(WARM_URI);
    if (timers.size > 0) {
      setTimeout(turn, WARM_AFTER_MS);
      return;
    }
    let more = false;
    const t0 = performance.now();
    try {
      more = step();
    } catch (e) {
      connection.console.error(`gongwen: 预演输入出错 / warm-up failed: ${(e as Error).stack ?? e}`);
    }
    ms += performance.now() - t0;
    if (more) return void setImmediate(turn);
    forgetDocument(WARM_URI);
    if (version > 1) {
      connection.console.log(`gongwen: 已在副本上预演输入 ${version - 1} 次（${ms.toFixed(0)} ms）/ typing path warmed up: ${version - 1} keystrokes into a private copy (${ms.toFixed(0)} ms)`);
    }
  };
  setTimeout(turn, WARM_AFTER_MS);
}

/**
 * V8's heap sizing while a large document is checked (on: before the check, off: after it). The check of a
 * 10 MB document builds ~70 MB that live until it ends; by default V8 lets its young generation grow to its
 * maximum (server/launch.json) and the old one to about twice what was live at the last full collection
 * before collecting again, so the peak held tens of MB of garbage besides. Here the young generation does not
 * grow and the old one grows by a fifth between full collections. Set at run time, for the check only, and
 * reset at once: flags that differ when the bundle's code cache is written make it useless (server/boot.cjs;
 * the check is synchronous, the cache cannot be written during it).
 */
function leanHeap(on: boolean): void {
  try {
    setV8Flags(on ? '--semi-space-growth-factor=1' : '--semi-space-growth-factor=2');
    setV8Flags(on ? '--heap-growing-percent=20' : '--heap-growing-percent=0');
  } catch {
    // flags V8 does not take: its own sizing
  }
}

interface Analysis {
  /**
   * The open document analysed: a document closed and opened again under the same URI (VS Code reuses
   * Untitled-N) starts again at version 1, so the version alone does not tell its analysis from the old one's.
   */
  td: TextDocument;
  version: number;
  doc: GwDocument;
  findings: Finding[];
  /** Every finding as a diagnostic, made when first asked for (pull diagnostics; pushes send the capped list). */
  all?: Diagnostic[];
  /** How long the model and the checks took, in milliseconds. */
  ms: number;
}

/**
 * Per-document checking state. A document over `gongwen.maxFileSize`, or one whose check overran
 * `gongwen.timeBudget` while typing, is checked on open and on save only; the client is told through the
 * `gongwen/status` notification ({ uri, mode: 'onSave' | 'onType', reason, size?, limit?, ms? }).
 */
interface DocState {
  mode: 'onType' | 'onSave';
  reason?: 'size' | 'slow';
  /** The diagnostics last sent, so an unchanged list is not sent again. */
  sent?: Diagnostic[];
  /** More problems than gongwen.maxProblems were found at the last check. */
  capped?: boolean;
}

const analyses = new Map<string, Analysis>();
const states = new Map<string, DocState>();
const timers = new Map<string, NodeJS.Immediate>();
const optionCache = new Map<string, Promise<ServerOptions>>();
let locale: CheckOptions['locale'] = 'zh-cn';
let canPullConfig = false;
let canWatchFolders = false;
/** The client shows related locations of a diagnostic (publishDiagnostics.relatedInformation): else none is sent. */
let relatedSupport = false;
/** Workspace folder paths: the walk up for .gongwenrc.json stops at them, so each folder has its own file. */
let roots: string[] = [];
/**
 * Whether the workspace is trusted (the client passes vscode.workspace.isTrusted in initializationOptions and
 * sends gongwen/workspaceTrust when the user grants trust). Untrusted: a .gongwenrc.json may only narrow what
 * is reported (config/untrusted.ts). A client that says nothing is trusted, as before.
 */
let trusted = true;

/** Settings the server itself reads (besides the check options). */
interface ServerOptions {
  check: Partial<CheckOptions>;
  /** In bytes of UTF-8; 0 = no limit. */
  maxFileSize: number;
  /** In milliseconds; 0 = no budget. */
  timeBudget: number;
  /** Most diagnostics published per document; 0 = no limit. */
  maxProblems: number;
  /** gongwen.enable false, or the file matched by an ignore glob: no diagnostics. */
  enabled: boolean;
  /** gongwen.run: check while typing or on save only. */
  run: 'onType' | 'onSave';
  /** The .gongwenrc.json in force (or the broken one looked at). */
  configFile?: string;
}
const DEFAULT_MAX_FILE_SIZE_KB = 2048;
const DEFAULT_TIME_BUDGET_MS = 1500;
const DEFAULT_MAX_PROBLEMS = 1000;

const COMMANDS = ['gongwen.renumberOutline', 'gongwen.fixAll', 'gongwen.showAdvice'];

connection.onInitialize((params): InitializeResult => {
  locale = /^en/i.test(params.locale ?? '') ? 'en' : 'zh-cn';
  canPullConfig = !!params.capabilities.workspace?.configuration;
  relatedSupport = !!params.capabilities.textDocument?.publishDiagnostics?.relatedInformation;
  // Nor are they made for a client that does not show them.
  setFindingExtras({ related: relatedSupport, fixes: true });
  roots = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
  if (!roots.length && params.rootUri) roots = [fsPathOf(params.rootUri)].filter((p): p is string => !!p);
  canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
  trusted = (params.initializationOptions as { isTrusted?: unknown } | undefined)?.isTrusted !== false;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      documentSymbolProvider: { label: '公文大纲' },
      foldingRangeProvider: true,
      hoverProvider: true,
      // The cursor on a stock phrase highlights every occurrence of its family (what an overused finding counts).
      documentHighlightProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: COMMANDS },
      // Outline continuation: （ and ( start a bracketed marker; numerals trigger through word completion.
      completionProvider: { triggerCharacters: ['（', '('], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'gongwen', version: '0.1.0' },
  };
});

function formatOf(doc: TextDocument): 'markdown' | 'plaintext' {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? 'markdown' : 'plaintext';
}

function numberSetting(v: unknown, def: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : def;
}

function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

// ---- configuration file problems: shown as diagnostics on the .gongwenrc.json itself ----

/** What was last published per configuration file uri (a key of its problems), to publish changes only. */
const configSent = new Map<string, string>();

function publishConfigProblems(file: string, problems: ConfigProblem[]): void {
  const uri = pathToFileURL(file).toString();
  const key = JSON.stringify(problems);
  if ((configSent.get(uri) ?? '[]') === key) return;
  configSent.set(uri, key);
  const en = locale === 'en';
  const diagnostics: Diagnostic[] = problems.map((p) => ({
    range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } },
    severity: 1,
    source: SOURCE,
    code: 'config',
    message: en ? p.en : `${p.zh}\n${p.en}`,
  }));
  void connection.sendDiagnostics({ uri, diagnostics });
  for (const p of problems) connection.console.warn(`gongwen: ${file}:${p.line + 1}:${p.character + 1}: ${p.zh} / ${p.en}`);
  // A folder named .gongwenrc.json or an unreadable file has no text to show a diagnostic in: say it aloud.
  let isFile = true;
  try {
    isFile = fs.statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (problems.length && !isFile) void connection.window.showWarningMessage(`${file}: ${en ? problems[0].en : problems[0].zh}`);
}

/** Files whose narrowing was logged, so the log says it once per file. */
const narrowLogged = new Set<string>();

/** Settings < the nearest .gongwenrc.json narrowed to what an untrusted workspace may change. */
function resolveUntrusted(file: string, settings: ConfigLayer): Resolved {
  const cfg = findConfigFile(path.dirname(path.resolve(file)), roots);
  if (!cfg) return resolveConfig(file, { settings, roots, noFile: true });
  const loaded = loadConfigFile(cfg);
  publishConfigProblems(cfg, loaded.problems);
  const n = narrowUntrusted(loaded.layer);
  if (n.dropped.length && !narrowLogged.has(cfg)) {
    narrowLogged.add(cfg);
    connection.console.info(
      `gongwen: 工作区未受信任，${cfg} 只用了收窄检查范围的设置，未用：${n.dropped.join('，')} / ` +
        `untrusted workspace: only the settings that narrow what is reported apply; left out: ${n.dropped.join(', ')}`,
    );
  }
  const layers: Layer[] = [
    { source: 'settings', layer: settings, base: roots[0] },
    { source: cfg, layer: n.layer, base: path.dirname(cfg) },
  ];
  return { effective: mergeLayers(layers), problems: loaded.problems, file: cfg };
}

function resolveFor(uri: string, settings: unknown): Resolved {
  const file = fsPathOf(uri);
  const layer = settingsToLayer(settings);
  try {
    if (!trusted && file) return resolveUntrusted(file, layer);
    const r = resolveConfig(file, { settings: layer, roots, noFile: !file });
    if (r.file) publishConfigProblems(r.file, r.problems);
    return r;
  } catch (e) {
    connection.console.error(`gongwen: 读取 ${CONFIG_FILE} 时出错 / failed to read the configuration: ${(e as Error).stack ?? e}`);
    return resolveConfig(undefined, { settings: layer, noFile: true });
  }
}

function serverOptions(uri: string): Promise<ServerOptions> {
  let p = optionCache.get(uri);
  if (!p) {
    p = (canPullConfig ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'gongwen' }) : Promise.resolve(undefined))
      .catch(() => undefined)
      .then((s) => {
        const o = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
        // defaults < gongwen.* settings < the nearest .gongwenrc.json (server/src/config/config.ts)
        const r = resolveFor(uri, s);
        const file = fsPathOf(uri);
        return {
          check: toCheckOptions(r.effective, locale),
          maxFileSize: numberSetting(o.maxFileSize, DEFAULT_MAX_FILE_SIZE_KB) * 1024,
          timeBudget: numberSetting(o.timeBudget, DEFAULT_TIME_BUDGET_MS),
          maxProblems: Math.floor(numberSetting(o.maxProblems, DEFAULT_MAX_PROBLEMS)),
          enabled: r.effective.enable && !(file && isIgnored(r.effective, file)),
          run: r.effective.run,
          configFile: r.file,
        };
      });
    optionCache.set(uri, p);
  }
  return p!;
}

async function optionsFor(uri: string): Promise<Partial<CheckOptions>> {
  return (await serverOptions(uri)).check;
}

function stateOf(uri: string): DocState {
  let st = states.get(uri);
  if (!st) states.set(uri, (st = { mode: 'onType' }));
  return st;
}

function notTextFinding(v: TextVerdict, uri: string): Finding {
  const message = notTextMessage(v, locale);
  connection.console.info(`gongwen: ${uri}: ${message}`);
  return finding({ code: 'not-text', severity: 'information', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message });
}

/** The analysis of this very version of this open document, if there is one. */
function analysisOfVersion(td: TextDocument): Analysis | undefined {
  const a = analyses.get(td.uri);
  return a && a.td === td && a.version === td.version ? a : undefined;
}

/** Whether `a` is the analysis of the document open now under its URI, as it is now. */
function isCurrent(a: Analysis): boolean {
  const now = documents.get(a.td.uri);
  return now === a.td && now.version === a.version;
}

async function analyse(td: TextDocument): Promise<Analysis> {
  // Only a hit is held in a local: the frame of this function (suspended at the await below) keeps its
  // locals alive, and an older analysis held here would keep a large document's last model alive while
  // the next one is built.
  const hit = analysisOfVersion(td);
  if (hit) return hit;
  const options = await optionsFor(td.uri);
  const t0 = performance.now();
  const st = stateOf(td.uri);
  let last = analyses.get(td.uri);
  // A document checked on save only (a large one) is checked without the per-line caches, as the command
  // line does: they pay off while typing, and for a 10 MB document they hold more than the model itself. Its
  // last analysis goes before the check, not after: nothing of it is lent to the next one.
  const lean = st.mode === 'onSave';
  if (lean) {
    analyses.delete(td.uri);
    last = undefined;
    // The last model and findings are garbage now: collect them before the edited text is joined (textdoc.ts)
    // and the check adds its own, so the heap does not grow to hold both (a few tens of milliseconds; 7 MB
    // less at the peak of a save of the 10 MB bench document).
    collectGarbage('full');
  }
  const text = td.getText();
  // A PDF or .docx opened as text, or binary junk: one notice instead of thousands of findings.
  const verdict = looksLikeText(text);
  let doc: GwDocument;
  let findings: Finding[];
  if (lean) {
    setLineCaching(false);
    leanHeap(true);
  }
  try {
    // The last model of this document lends its unchanged lines (only the edited span is split and parsed).
    doc = new GwDocument(verdict.text ? text : '', formatOf(td), td.uri, verdict.text ? last?.doc : undefined);
    findings = verdict.text ? checkDocument(doc, options) : [notTextFinding(verdict, td.uri)];
  } finally {
    if (lean) {
      setLineCaching(true);
      leanHeap(false);
    }
  }
  const a: Analysis = { td, version: td.version, doc, findings, ms: performance.now() - t0 };
  // A newer version may have arrived while the options were fetched, or the document was closed (and maybe
  // opened again): keep only the analysis of what is open now.
  if (isCurrent(a)) analyses.set(td.uri, a);
  return a;
}

/**
 * The last analysis, even of an older version, for read-only features (outline, folding, hover) of a
 * document checked on save only; a fresh one otherwise.
 */
async function analysisOf(uri: string, fresh = false): Promise<Analysis | undefined> {
  const td = documents.get(uri);
  if (!td) return undefined;
  const last = analyses.get(uri);
  if (!fresh && last && states.get(uri)?.mode === 'onSave') return last;
  return analyse(td);
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Two diagnostic lists say the same (the lists are built in a fixed order, so compare pairwise). */
function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range)) return false;
    const rx = x.relatedInformation ?? [];
    const ry = y.relatedInformation ?? [];
    if (rx.length !== ry.length) return false;
    for (let j = 0; j < rx.length; j++) {
      if (rx[j].message !== ry[j].message || !sameRange(rx[j].location.range, ry[j].location.range)) return false;
    }
  }
  return true;
}

/** 0 for the most severe. Comparisons, not a keyed lookup: this runs twice per finding at every keystroke. */
const severityRank = (s: Finding['severity']): number => (s === 'hint' ? 3 : s === 'warning' ? 1 : s === 'error' ? 0 : 2);

/**
 * At most `max` findings: the most severe first, in document order within a severity, returned in
 * document order. A 1 MB draft full of stock phrases has thousands of hints; sending them all at every
 * keystroke costs more than checking, and no editor shows them usefully (the Problems view lists no hints).
 * Only these become diagnostics for a push.
 */
function capped(findings: readonly Finding[], max: number): readonly Finding[] {
  if (max <= 0 || findings.length <= max) return findings;
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < findings.length; i++) counts[severityRank(findings[i].severity)]++;
  // The least severe rank that still fits, and how many of that rank fit.
  let left = max;
  let rank = 0;
  while (rank < 4 && counts[rank] <= left) left -= counts[rank++];
  const out: Finding[] = [];
  for (let i = 0; i < findings.length; i++) {
    const d = findings[i];
    const r = severityRank(d.severity);
    if (r < rank) out.push(d);
    else if (r === rank && left > 0) {
      out.push(d);
      left--;
    }
  }
  return out;
}

/**
 * The diagnostics a push sends for `findings` (editorFindings): the most severe within gongwen.maxProblems, as the objects of
 * `previous` (the list last sent) where they say the same. The warm-up makes its lists the same way.
 */
function pushedDiagnostics(findings: readonly Finding[], uri: string, previous: Diagnostic[] | undefined, maxProblems: number): Diagnostic[] {
  return toDiagnostics(capped(findings, maxProblems), uri, previous, relatedSupport);
}

function sendStatus(uri: string, st: DocState, extra: Record<string, unknown> = {}): void {
  void connection.sendNotification('gongwen/status', { uri, mode: st.mode, reason: st.reason, ...extra });
}

/**
 * Whether the document's text takes more than `limit` bytes of UTF-8. A string of n UTF-16 code units takes n
 * to 3n bytes, so only a text near the limit is joined and measured (Buffer.byteLength reads the whole text).
 */
function overLimit(td: PieceTextDocument, limit: number): boolean {
  if (td.length * 3 <= limit) return false;
  if (td.length > limit) return true;
  return Buffer.byteLength(td.getText(), 'utf8') > limit;
}

const fmtSize = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function validate(uri: string, trigger: 'open' | 'change' | 'save' | 'config'): Promise<void> {
  const td = documents.get(uri);
  if (!td) return;
  try {
    const st = stateOf(uri);
    const opts = await serverOptions(uri);
    if (!opts.enabled) {
      // gongwen.enable is off, or an ignore glob of .gongwenrc.json names this file.
      if (st.sent?.length) void connection.sendDiagnostics({ uri, diagnostics: [] });
      st.sent = [];
      return;
    }
    if (opts.run === 'onSave' && trigger === 'change') return;
    const large = opts.maxFileSize > 0 && overLimit(td, opts.maxFileSize);
    const size = () => Buffer.byteLength(td.getText(), 'utf8'); // for the log and status, when the mode changes
    if (large && st.reason !== 'size') {
      st.mode = 'onSave';
      st.reason = 'size';
      connection.console.info(
        `gongwen: ${uri} 有 ${fmtSize(size())}，超过 gongwen.maxFileSize（${fmtSize(opts.maxFileSize)}），只在打开和保存时检查 / ` +
          `larger than gongwen.maxFileSize (${fmtSize(opts.maxFileSize)}): checked on open and save only`,
      );
      sendStatus(uri, st, { size: size(), limit: opts.maxFileSize });
    } else if (!large && st.reason === 'size') {
      st.mode = 'onType';
      st.reason = undefined;
      sendStatus(uri, st, { size: size(), limit: opts.maxFileSize });
    }
    if (st.mode === 'onSave' && trigger === 'change') return;
    const a = await analyse(td);
    if (!isCurrent(a)) return; // stale: a newer change is queued, or the document was closed meanwhile
    if (opts.timeBudget > 0 && a.ms > opts.timeBudget) {
      // Overran the budget: still publish what was found and say so. A check while typing that overruns it
      // stops checking this document while typing (the first check after opening runs cold and may be slow).
      const demote = st.mode === 'onType' && trigger === 'change';
      connection.console.warn(
        `gongwen: 检查 ${uri} 用了 ${a.ms.toFixed(0)} ms，超过 gongwen.timeBudget（${opts.timeBudget} ms）${demote ? '，此后只在保存时检查' : ''} / ` +
          `checking took ${a.ms.toFixed(0)} ms, over gongwen.timeBudget (${opts.timeBudget} ms)${demote ? '; checking on save only from now on' : ''}`,
      );
      if (demote) {
        st.mode = 'onSave';
        st.reason = 'slow';
      }
      sendStatus(uri, st, { ms: Math.round(a.ms), budget: opts.timeBudget });
    }
    const listed = editorFindings(a.findings);
    const total = listed.length;
    // The diagnostics last sent lend the objects (and their encoded JSON) of findings that did not change.
    const shown = pushedDiagnostics(listed, uri, st.sent, opts.maxProblems);
    if ((shown.length < total) !== !!st.capped) {
      st.capped = shown.length < total;
      if (st.capped) {
        connection.console.info(
          `gongwen: ${uri} 有 ${total} 个问题，按 gongwen.maxProblems 只显示最重要的 ${shown.length} 个 / ` +
            `${total} problems; showing the ${shown.length} most severe (gongwen.maxProblems)`,
        );
      }
      sendStatus(uri, st, { problems: { shown: shown.length, total } });
    }
    if (st.sent && sameDiagnostics(st.sent, shown)) return; // nothing new to say
    st.sent = shown;
    const sent = connection.sendDiagnostics({ uri, version: a.version, diagnostics: shown });
    // The collection waits until the list is written: a pipe takes 64 KB at a time, the rest goes out as the
    // client reads, and a collection before that would hold the rest back. After opening, the pause is used
    // to warm up the typing path instead.
    if (st.mode === 'onType') void sent.then(trigger === 'open' ? () => warmUpAfter(a, opts) : scavengeWhenIdle, () => undefined);
    else void sent.catch(() => undefined);
  } catch (e) {
    connection.console.error(`gongwen: 检查 ${uri} 时出错 / failed to check: ${(e as Error).stack ?? e}`);
  }
}

/**
 * Runs a check at once (on the next turn of the event loop, after the messages already read): no pause after
 * a keystroke. Keystrokes that arrive while a check runs are read when it ends and cost one check together,
 * for the newest text, instead of one each.
 */
function schedule(uri: string, trigger: 'open' | 'change' | 'save' | 'config'): void {
  // A pending open, save or configuration check is not downgraded to a mere change (opening a document
  // also fires a content change, and a document checked on save only ignores changes).
  const pending = pendingTrigger.get(uri);
  if (trigger === 'change' && pending && pending !== 'change') trigger = pending;
  pendingTrigger.set(uri, trigger);
  if (timers.has(uri)) return; // a check is due already; it reads the newest text and trigger
  // setImmediate, not setTimeout(…, 0): Node holds a timer for at least 1 ms, a keystroke's whole budget at 100 KB.
  timers.set(uri, setImmediate(() => {
    timers.delete(uri);
    const t = pendingTrigger.get(uri) ?? trigger;
    pendingTrigger.delete(uri);
    void validate(uri, t);
  }));
}
const pendingTrigger = new Map<string, 'open' | 'change' | 'save' | 'config'>();

// Make the cliché matcher once, right after the handshake, from the automaton compiled at build time
// (dist/cliches.ac: a few milliseconds, where building it takes tens), so neither `initialize` nor the first
// check waits for it. It is made again only if a document's settings add phrases or an allow list.
connection.onInitialized(() => {
  setTimeout(() => {
    loadPrecompiledAutomaton(__dirname);
    getClicheMatcher();
  }, 0);
  if (canWatchFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const gone = new Set(e.removed.map((f) => fsPathOf(f.uri)));
      roots = [...roots.filter((r) => !gone.has(r)), ...e.added.map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p)];
      reloadAll();
    });
  }
});

// TextDocuments fires a content change right after each open, with the opened document: not an edit.
let opening: PieceTextDocument | undefined;
documents.onDidOpen((e) => {
  opening = e.document;
  schedule(e.document.uri, 'open');
});
documents.onDidChangeContent((e) => {
  if (e.document === opening) opening = undefined;
  else editsSeen++;
  schedule(e.document.uri, 'change');
});
// A document checked while typing is already up to date (the analysis is cached by version); one checked on
// save only (its size, a slow check, or gongwen.run) is checked now.
documents.onDidSave((e) => schedule(e.document.uri, 'save'));
documents.onDidClose((e) => {
  clearImmediate(timers.get(e.document.uri));
  timers.delete(e.document.uri);
  pendingTrigger.delete(e.document.uri);
  analyses.delete(e.document.uri);
  states.delete(e.document.uri);
  optionCache.delete(e.document.uri);
  forgetDocument(e.document.uri); // the checks' own state for it (the last model is gone with the analysis)
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

/** Settings or a configuration file changed: forget what was resolved and check every open document again. */
function reloadAll(): void {
  clearConfigCache();
  optionCache.clear();
  analyses.clear();
  for (const d of documents.all()) schedule(d.uri, 'config');
}

// .gongwenrc.json created, changed or deleted (the VS Code client watches **/.gongwenrc.json).
connection.onDidChangeWatchedFiles((p) => {
  clearConfigCache();
  for (const c of p.changes) {
    const file = fsPathOf(c.uri);
    if (!file || path.basename(file) !== CONFIG_FILE) continue;
    // Deleted: its problems go with it. Otherwise show its problems at once, even if no open document uses it.
    if (c.type === 3 || !fs.existsSync(file)) publishConfigProblems(file, []);
    else publishConfigProblems(file, loadConfigFile(file).problems);
  }
  reloadAll();
});

// The user granted trust (VS Code never takes it back without a reload): apply the whole .gongwenrc.json.
connection.onNotification('gongwen/workspaceTrust', (p: { trusted?: unknown }) => {
  const now = p?.trusted !== false;
  if (now === trusted) return;
  trusted = now;
  optionCache.clear();
  analyses.clear();
  for (const d of documents.all()) schedule(d.uri, 'config');
});

connection.onDidChangeConfiguration(() => {
  clearConfigCache();
  optionCache.clear();
  analyses.clear();
  // A new setting may lift a size limit or a budget: start over from checking as you type.
  for (const st of states.values()) if (st.reason === 'slow') (st.mode = 'onType'), (st.reason = undefined);
  for (const d of documents.all()) schedule(d.uri, 'config');
});

connection.onDocumentSymbol(async (p) => {
  const a = await analysisOf(p.textDocument.uri);
  return a ? outlineSymbols(a.doc).map(toDocumentSymbol) : [];
});

connection.onFoldingRanges(async (p) => {
  const a = await analysisOf(p.textDocument.uri);
  return a ? foldingRanges(a.doc).map(toFoldingRange) : [];
});

connection.onHover(async (p) => {
  const a = await analysisOf(p.textDocument.uri);
  if (!a) return null;
  const { line, character } = p.position;
  const hits = a.findings.filter(
    (f) =>
      f.detail &&
      (f.range.start.line < line || (f.range.start.line === line && f.range.start.character <= character)) &&
      (f.range.end.line > line || (f.range.end.line === line && f.range.end.character >= character)),
  );
  if (!hits.length) return null;
  // An overused cliché is two findings over the same characters (cliche and cliche-overused) with one
  // explanation: it is shown once.
  const details = [...new Set(hits.map((f) => f.detail))];
  return { contents: { kind: 'markdown', value: details.join('\n\n---\n\n') }, range: hits[0].range };
});

connection.onDocumentHighlight(async (p): Promise<DocumentHighlight[] | null> => {
  const a = await analysisOf(p.textDocument.uri);
  // Checked on save only and edited since: the model is of an older text, whose places no longer hold.
  if (!a || !isCurrent(a)) return null;
  const options = await optionsFor(p.textDocument.uri);
  // A document checked on save only (a large one) is read without filling the per-line caches, as its check
  // is: they would keep a copy of every line of it.
  const lean = states.get(p.textDocument.uri)?.mode === 'onSave';
  if (lean) setLineCaching(false);
  let ranges;
  try {
    ranges = familyOccurrences(a.doc, p.position.line, p.position.character, options);
  } finally {
    if (lean) setLineCaching(true);
  }
  return ranges ? ranges.map((range) => ({ range, kind: DocumentHighlightKind.Text })) : null;
});

function fixAllAction(a: Analysis, uri: string, kind: string): CodeAction | undefined {
  const edits = fixAllEdits(a.doc, a.findings);
  if (!edits.length) return undefined;
  return {
    title: locale === 'en' ? 'Fix all auto-fixable Gongwen problems' : '修复本文件所有可自动修复的公文问题',
    kind,
    edit: { changes: { [uri]: edits } },
  };
}

connection.onCodeAction(async (p: CodeActionParams) => {
  const uri = p.textDocument.uri;
  const a = await analysisOf(uri);
  // Checked on save only and edited since: the fixes would be for an older text (the editor asks at every
  // cursor move, so a full check here is no option); they come back with the next save.
  if (!a || !isCurrent(a)) return [];
  const only = p.context.only;
  if (only && only.some((k) => k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND || k === CodeActionKind.Source)) {
    const fa = fixAllAction(a, uri, FIX_ALL_KIND);
    return fa ? [fa] : [];
  }
  const out: CodeAction[] = [];
  let anyFixable = false;
  for (const d of p.context.diagnostics) {
    if (d.source !== SOURCE) continue;
    const f = a.findings.find((x) => sameFinding(d, x));
    if (!f) continue;
    // An overused cliché stands for its hint too (editorFindings): the hint's fixes (deleting an intensifier)
    // are offered on it; its advice is the same, and the ignores of the overused finding cover the phrase.
    const hint = foldedHint(a.findings, f);
    const fixes = hint ? [...quickFixes(f, d, uri), ...quickFixes(hint, d, uri)] : quickFixes(f, d, uri);
    if (fixes.length) anyFixable = true;
    out.push(...fixes);
    if (f.detail) {
      // A link-like action: shows the finding's advice (category, why, what to write instead) in a message.
      out.push({
        title: locale === 'en' ? `Show the advice for "${f.code}"` : '查看修改建议',
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: '查看修改建议', command: 'gongwen.showAdvice', arguments: [f.detail] },
      });
    }
    out.push(...(await ignoreActions(a, f, d, uri)));
  }
  if (anyFixable) {
    const fa = fixAllAction(a, uri, CodeActionKind.QuickFix);
    if (fa) out.push(fa);
  }
  return withoutRepeats(out);
});

/**
 * The actions without those that do what an earlier one does (same title, kind, edit and command): an overused
 * cliché is two findings over the same characters (cliche and cliche-overused), and each would offer the same
 * advice and the same phrase-wide ignores.
 */
function withoutRepeats(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((x) => {
    const key = JSON.stringify([x.title, x.kind, x.edit, x.command]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where a workspace-wide quick fix writes: the .gongwenrc.json in force, else a new one in the workspace folder. */
function configTarget(uri: string, configFile: string | undefined): string | undefined {
  if (configFile) return configFile;
  const file = fsPathOf(uri);
  if (!file) return undefined;
  const inside = (r: string) => {
    const rel = path.relative(r, file);
    return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  const root = roots.filter(inside).sort((x, y) => y.length - x.length)[0];
  return path.join(root ?? path.dirname(file), CONFIG_FILE);
}

/** A WorkspaceEdit that sets `value` at `jsonPath` in a configuration file, creating the file if need be. */
function configAction(title: string, target: string, jsonPath: string[], value: unknown, append: boolean, d: Diagnostic): CodeAction | undefined {
  let text: string | undefined;
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(target);
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) return undefined;
  if (st) {
    try {
      text = fs.readFileSync(target, 'utf8');
    } catch {
      return undefined;
    }
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: true });
    if (errors.length) return undefined; // broken: its diagnostic says why; editing it could make it worse
  }
  const uri = pathToFileURL(target).toString();
  const { edits, newFile } = configEdits(text, jsonPath, value, append);
  const action = (edit: CodeAction['edit']): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
  if (newFile !== undefined) {
    if (st) {
      // An existing but empty file: fill it.
      const doc = TextDocument.create(uri, 'json', 0, text ?? '');
      return action({ changes: { [uri]: [{ range: { start: doc.positionAt(0), end: doc.positionAt((text ?? '').length) }, newText: newFile }] } });
    }
    return action({
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newFile }] },
      ],
    });
  }
  if (!edits.length) return undefined; // the file already says so
  const doc = TextDocument.create(uri, 'json', 0, text!);
  return action({ changes: { [uri]: edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content })) } });
}

/**
 * The ways to silence a finding, offered on every one: this line (a disable-next-line comment above it), this
 * phrase in this document (a gongwen-allow comment at the top), this phrase in the workspace and this rule
 * in the workspace (both written to .gongwenrc.json, keeping its comments and formatting).
 */
async function ignoreActions(a: Analysis, f: Finding, d: Diagnostic, uri: string): Promise<CodeAction[]> {
  const en = locale === 'en';
  const out: CodeAction[] = [];
  const line = f.range.start.line;
  out.push({
    title: en ? `Ignore ${f.code} on this line` : `在此行忽略 ${f.code}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [uri]: [ignoreLineEdit(a.doc, line, f.code)] } },
  });
  const l = a.doc.lines[line];
  const phrase = PHRASE_CODES.has(f.code) && f.range.end.line === line ? l.text.slice(f.range.start.character, f.range.end.character).trim() : '';
  const usable = phrase.length >= 2 && !/\s|-->/.test(phrase);
  if (usable) {
    out.push({
      title: en ? `Allow "${phrase}" in this document` : `在本文档中不再提示“${phrase}”`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [uri]: [allowPhraseEdit(a.doc, phrase)] } },
    });
  }
  const target = configTarget(uri, (await serverOptions(uri)).configFile);
  if (target) {
    const shown = CONFIG_FILE;
    if (usable) {
      const act = configAction(en ? `Allow "${phrase}" in the workspace (${shown})` : `在工作区允许“${phrase}”（写入 ${shown}）`, target, ['allow'], phrase, true, d);
      if (act) out.push(act);
    }
    const off = configAction(en ? `Turn ${f.code} off in the workspace (${shown})` : `在工作区关闭规则 ${f.code}（写入 ${shown}）`, target, ['severity', f.code], 'off', false, d);
    if (off) out.push(off);
  }
  return out;
}

connection.onExecuteCommand(async (p) => {
  if (p.command === 'gongwen.showAdvice') {
    const text = String(p.arguments?.[0] ?? '').replace(/[*_`#>]/g, '').replace(/\n+/g, ' ');
    if (text) void connection.window.showInformationMessage(text);
    return { applied: false, edits: 0 };
  }
  const uri = typeof p.arguments?.[0] === 'string' ? p.arguments[0] : (p.arguments?.[0] as { uri?: string } | undefined)?.uri;
  if (!uri) return { applied: false, edits: 0 };
  const a = await analysisOf(uri, true);
  if (!a) return { applied: false, edits: 0 };
  const edits = p.command === 'gongwen.renumberOutline' ? renumberEdits(a.doc, await optionsFor(uri)) : fixAllEdits(a.doc, a.findings);
  if (!edits.length) return { applied: true, edits: 0 };
  const td = documents.get(uri)!;
  const r = await connection.workspace.applyEdit({
    label: p.command === 'gongwen.renumberOutline' ? '重新编排序号' : '修复全部',
    edit: { documentChanges: [{ textDocument: { uri, version: td.version }, edits }] },
  });
  return { applied: r.applied, edits: edits.length };
});

const RELATION_ZH: Record<OutlineCompletion['relation'], string> = {
  sibling: '同级下一项',
  child: '下一级第一项',
  ancestor: '上级下一项',
  first: '第一个一级标题',
};
const RELATION_EN: Record<OutlineCompletion['relation'], string> = {
  sibling: 'next item at this level',
  child: 'first item one level down',
  ancestor: 'next item of an enclosing level',
  first: 'first level-1 heading',
};

connection.onCompletion(async (p): Promise<CompletionItem[]> => {
  const uri = p.textDocument.uri;
  const td = documents.get(uri);
  if (!td) return [];
  // Completion needs the current text's model, not the checks. A document checked on save only (a large one)
  // has none: only the text up to the cursor's line is modelled, not the whole document per request.
  const a = states.get(uri)?.mode === 'onSave' ? undefined : await analysisOf(uri);
  const offered = a && isCurrent(a) ? completeOutline(a.doc, p.position) : completeOutlineInText(td.getText(), formatOf(td), p.position, uri);
  return offered.map((c, i): CompletionItem => {
    const rel = locale === 'en' ? RELATION_EN[c.relation] : RELATION_ZH[c.relation];
    const after = c.after ? (locale === 'en' ? ` (after ${c.after})` : `（接 ${c.after}）`) : '';
    return {
      label: c.insertText,
      kind: CompletionItemKind.EnumMember,
      detail: `${rel}${after}`,
      documentation: locale === 'en' ? `GB/T 9704-2012 §7.3.3, level ${c.level}` : `GB/T 9704-2012 7.3.3 第${c.level}层`,
      sortText: String(i).padStart(2, '0'),
      filterText: c.insertText,
      preselect: i === 0,
      textEdit: { range: c.range, newText: c.insertText },
    };
  });
});

// The outline tree for the client's 公文大纲 view: only the numbered structure (the document symbols may carry
// more, such as Markdown headings merged in by VS Code or the 公文 elements).
connection.onRequest('gongwen/outline', async (p: { textDocument: { uri: string } }) => {
  const a = await analysisOf(p.textDocument.uri);
  return a ? { version: a.version, symbols: outlineSymbols(a.doc) } : null;
});

// A summary of one document for the statistics view: counts per code, and whatever the core's statistics add.
connection.onRequest('gongwen/statistics', async (p: { textDocument: { uri: string } }) => {
  const a = await analysisOf(p.textDocument.uri);
  if (!a) return null;
  const info = new Map(allCodes().map((c) => [c.code, c]));
  const byCode = new Map<string, number>();
  for (const f of a.findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  const en = locale === 'en';
  const s = statistics(a.doc, a.findings, await optionsFor(p.textDocument.uri));
  return {
    locale,
    hanCharacters: s.hanCharacters,
    clichesByCategory: s.clichesByCategory.map((c) => ({ category: en ? `${categoryEn(c.category)} (${c.category})` : c.category, count: c.count })),
    topCliches: s.topCliches,
    repeatedPhrases: s.repeatedPhrases,
    characters: a.doc.text.replace(/\s/g, '').length,
    paragraphs: a.doc.paragraphs.length,
    outlineItems: a.doc.nodes.length,
    findings: a.findings.length,
    codes: [...byCode]
      .map(([code, count]) => ({ code, count, severity: info.get(code)?.severity ?? 'warning', description: (en ? info.get(code)?.en : info.get(code)?.zh) ?? '' }))
      .sort((x, y) => y.count - x.count || x.code.localeCompare(y.code)),
  };
});

// Pull diagnostics for clients that ask, although push is what we advertise.
connection.languages.diagnostics.on(async (p) => {
  if (!(await serverOptions(p.textDocument.uri)).enabled) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const a = await analysisOf(p.textDocument.uri);
  return { kind: DocumentDiagnosticReportKind.Full, items: a ? (a.all ??= toDiagnostics(editorFindings(a.findings), p.textDocument.uri, states.get(p.textDocument.uri)?.sent, relatedSupport)) : [] };
});

documents.listen(connection);
connection.listen();
