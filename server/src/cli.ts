// gongwen-lint: the same checks from a terminal.
// Exit codes: 0 no error-level findings, 1 some, 2 usage or I/O errors (a message, nothing written).
import { isUtf8, transcode } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString as setV8Flags } from 'node:v8';
import { applyEdits, checkDocument, CheckOptions, allCodes, Finding, fixAllEdits, GwDocument, outlineText } from './core';
import { formatStatistics, statistics, Statistics } from './core/stats';
import { looksLikeText, notTextMessage } from './core/textcheck';
import { setLineCaching } from './core/cache';
import { useKernel } from './core/kernel';
import { setFindingExtras } from './core/extras';
import { loadPrecompiledAutomaton } from './precompiled';
import { globToRegExp } from './config/glob';
import { ConfigProblem, formatProblem, isIgnored, resolveConfig, Resolved, toCheckOptions } from './config/config';

const VERSION = '0.1.0';
const TEXT_EXT = /\.(txt|text|md|markdown|gw|gongwen)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.tools', '.e2e']);

/** A reader that closed standard output early (`gongwen-lint … | head`): the rest is not written. */
let stdoutClosed = false;
let sleeper: Int32Array | undefined;
let encoder: InstanceType<typeof TextEncoder> | undefined;

/** UTF-16 code units of a text encoded at a time: a report of megabytes goes out through one small buffer. */
const TEXT_CHUNK = 1 << 16;
let chunkBuffer: Buffer | undefined;
/** Bytes encoded into chunkBuffer for standard output and not written yet (putOut). */
let pending = 0;

/**
 * Writes all of `data` to a file descriptor before returning, with fs.writeSync rather than process.stdout: a
 * pipe's stream would finish in the background (and a 4 MB report would be cut short by the exit that follows
 * main), and creating the stream costs 2–5 ms. A descriptor left non-blocking by whoever opened it is waited on.
 * Text goes through putText: whatever putOut left in the buffer goes first.
 */
function writeFd(fd: number, data: string | Uint8Array): void {
  if (fd === 1 && stdoutClosed) return;
  // What putOut left in the buffer goes first (for standard error too: the two may be one file).
  if (!flushOut() && fd === 1) return;
  if (typeof data !== 'string') writeBytes(fd, data, data.length);
  else if (putText(fd, data, 0, data.length) && fd === 1) flushOut();
}

/**
 * Code units `start` to `end` of `text` to standard output, in the buffer until it is full (flushOut writes the
 * rest): the JSON report goes out a piece at a time, each piece a range of what JSON.stringify made, not a slice
 * of it joined to its comma, which V8 would copy once to slice and again to encode.
 */
function putOut(text: string, start = 0, end = text.length): void {
  if (!stdoutClosed) putText(1, text, start, end);
}

/** What putOut left in the buffer; false when the reader went away. */
function flushOut(): boolean {
  if (!pending) return !stdoutClosed;
  const size = pending;
  pending = 0;
  return writeBytes(1, chunkBuffer!, size);
}

/**
 * Encodes code units `start` to `end` of `text` to UTF-8 a slice at a time into one reused buffer of 192 KB, not
 * into one of the text's whole size: each page of fresh memory costs a page fault at its first touch, and a
 * stylish report or the text of `--fix -` can take megabytes (Buffer.from would also measure the text in a pass
 * of its own). For standard output the bytes stay in the buffer (`pending`) until it has no room for the next
 * slice; for another descriptor, which finds the buffer empty (writeFd), each slice is written at once. A slice
 * never ends between the two halves of a surrogate pair, so the bytes are those of the whole text encoded at
 * once. False when the reader went away.
 */
function putText(fd: number, text: string, start: number, end: number): boolean {
  const buf = (chunkBuffer ??= Buffer.allocUnsafe(3 * TEXT_CHUNK));
  const enc = (encoder ??= new TextEncoder());
  for (let from = start; from < end; ) {
    let to = Math.min(end, from + TEXT_CHUNK);
    const last = text.charCodeAt(to - 1);
    if (to < end && last >= 0xd800 && last <= 0xdbff) to--; // a high surrogate: its pair goes with the next slice
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    if (fd === 1) {
      if (pending + 3 * (to - from) > buf.length && !flushOut()) return false;
      pending += enc.encodeInto(part, pending ? buf.subarray(pending) : buf).written;
    } else if (!writeBytes(fd, buf, enc.encodeInto(part, buf).written)) return false;
    from = to;
  }
  return true;
}

/** Writes `size` bytes of `buf`; false when the reader went away. */
function writeBytes(fd: number, buf: Uint8Array, size: number): boolean {
  let at = 0;
  while (at < size) {
    try {
      at += fs.writeSync(fd, buf, at, size - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait((sleeper ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 2);
        continue;
      }
      // The reader went away: that is its choice, not an error to crash on.
      if (code === 'EPIPE') {
        if (fd === 1) stdoutClosed = true;
        return false;
      }
      throw e;
    }
  }
  return true;
}

const writeOut = (data: string | Uint8Array) => writeFd(1, data);
const writeErr = (text: string) => writeFd(2, text);

interface Args {
  inputs: string[];
  format: 'stylish' | 'json' | 'sarif';
  fix: boolean;
  outline: boolean;
  stats: boolean;
  /** --config <file>: this file instead of the nearest .gongwenrc.json. */
  config?: string;
  /** --no-config: defaults only. */
  noConfig: boolean;
  /** --print-config <file>: print the effective configuration for that file and stop. */
  printConfig?: string;
  locale: CheckOptions['locale'];
  /** Undefined: colours when standard output is a terminal and NO_COLOR is not set. */
  color?: boolean;
}

class UsageError extends Error {}

const HELP = `用法 / usage: gongwen-lint [选项] <文件、文件夹或通配符…|->

检查公文的结构层次序数（GB/T 9704-2012 7.3.3）、序次语等。
Checks Chinese official documents: outline numbering (GB/T 9704-2012 7.3.3), ordinal series and more.

选项 / options:
  --format <stylish|json|sarif>  输出格式（默认 stylish） / output format
  --fix                          就地修复可自动修复的问题；输入为 - 时把文本写到标准输出 / apply mechanical
                                 fixes in place; with -, write the text to standard output
  --outline                      打印文档大纲 / print the outline tree
  --stats                        打印统计：各类套话、最常重复的说法、各规则计数 / print statistics
  --locale <zh-cn|en>            消息语言 / message language
  --no-color                     不用颜色 / no colours
  --config <文件>                使用此配置文件，而非就近的 .gongwenrc.json / use this configuration file
                                 instead of the nearest .gongwenrc.json
  --no-config                    不读任何配置文件，只用默认设置 / use the defaults, read no configuration file
  --print-config <文件>          打印该文件生效的配置及各项来源（JSON） / print the effective configuration
                                 for that file, and where each part came from (JSON)
  -h, --help                     帮助 / this help
  -v, --version                  版本 / version

退出码 / exit codes: 0 无错误 / no errors, 1 有错误级问题 / error-level findings, 2 用法或读写错误，或配置文件有误
（仍按默认设置检查并输出结果） / usage or I/O error, or a broken configuration file (checked with the defaults
for the broken parts, results still printed)

配置 / configuration: 从每个文件所在文件夹向上查找 .gongwenrc.json（见 docs/configuration.md） / the nearest
.gongwenrc.json walking up from each file's folder (see docs/configuration.md)
`;

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const a: Args = { inputs: [], format: 'stylish', fix: false, outline: false, stats: false, noConfig: false, locale: 'zh-cn' };
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`选项 ${s} 需要一个值 / option ${s} needs a value`);
      return v;
    };
    if (s === '-h' || s === '--help') return 'help';
    if (s === '-v' || s === '--version') return 'version';
    else if (s === '--format' || s.startsWith('--format=')) {
      const v = s.includes('=') ? s.slice(9) : value();
      if (v !== 'stylish' && v !== 'json' && v !== 'sarif') throw new UsageError(`未知的输出格式“${v}”，可用 stylish、json、sarif / unknown format "${v}"`);
      a.format = v;
    } else if (s === '--fix') a.fix = true;
    else if (s === '--outline') a.outline = true;
    else if (s === '--stats') a.stats = true;
    else if (s === '--config' || s.startsWith('--config=')) a.config = s.includes('=') ? s.slice(9) : value();
    else if (s === '--no-config') a.noConfig = true;
    else if (s === '--print-config' || s.startsWith('--print-config=')) a.printConfig = s.includes('=') ? s.slice(15) : value();
    else if (s === '--no-color') a.color = false;
    else if (s === '--color') a.color = true;
    else if (s === '--locale' || s.startsWith('--locale=')) {
      const v = s.includes('=') ? s.slice(9) : value();
      a.locale = /^en/i.test(v) ? 'en' : 'zh-cn';
    } else if (s.startsWith('-') && s !== '-') throw new UsageError(`未知选项“${s}”，见 --help / unknown option "${s}", see --help`);
    else a.inputs.push(s);
  }
  if (a.config && a.noConfig) throw new UsageError('--config 与 --no-config 不能同时使用 / --config and --no-config exclude each other');
  if (!a.inputs.length && !a.printConfig) throw new UsageError('请给出要检查的文件、文件夹或 -（标准输入） / give files, folders or - for stdin');
  // Standard output is the text then: a report, an outline or statistics after it would end up in the file.
  if (a.fix && a.inputs.includes('-') && (a.outline || a.stats || a.format !== 'stylish')) {
    throw new UsageError('--fix - 把文本写到标准输出，不能同时输出报告、大纲或统计（--format、--outline、--stats） / --fix - writes the text to standard output: no --format, --outline or --stats with it');
  }
  return a;
}

function walk(dir: string, out: string[], filter?: RegExp, base = dir): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out, filter, base);
    } else if (e.isFile()) {
      const rel = path.relative(base, p).split(path.sep).join('/');
      if (filter ? filter.test(rel) : TEXT_EXT.test(e.name)) out.push(p);
    }
  }
}

/** Expands the command line into files; '-' stands for standard input. */
function expand(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    if (/[*?{]/.test(input)) {
      const parts = input.split('/');
      const firstGlob = parts.findIndex((p) => /[*?{]/.test(p));
      const base = parts.slice(0, firstGlob).join('/') || '.';
      const found: string[] = [];
      if (fs.existsSync(base)) walk(base, found, globToRegExp(parts.slice(firstGlob).join('/')));
      if (!found.length) throw new UsageError(`没有文件匹配“${input}” / no file matches "${input}"`);
      files.push(...found);
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch {
      throw new UsageError(`找不到“${input}” / "${input}" does not exist`);
    }
    if (st.isDirectory()) {
      const before = files.length;
      walk(input, files);
      if (files.length === before) throw new UsageError(`文件夹“${input}”中没有 .txt 或 .md 文件 / no .txt or .md file in "${input}"`);
    } else files.push(input);
  }
  return [...new Set(files)];
}

interface Loaded {
  file: string;
  /** Standard input's bytes as read: `--fix -` writes them back unchanged when it does not write fixed text. */
  raw?: Buffer;
  text: string;
  encoding: 'utf-8' | 'gb18030';
  /** The file began with a UTF-8 byte order mark: not part of `text` (columns count without it), written back with fixes. */
  bom: boolean;
}

function load(file: string): Loaded {
  const buf = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  let text: string;
  let encoding: Loaded['encoding'] = 'utf-8';
  let bom = false;
  if (isUtf8(buf)) {
    bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    text = decodeUtf8(bom ? buf.subarray(3) : buf);
  } else {
    // Many Chinese text files are GB18030/GBK; read them, but never write them back.
    text = new TextDecoder('gb18030').decode(buf);
    encoding = 'gb18030';
  }
  return { file, raw: file === '-' ? buf : undefined, text, encoding, bom };
}

/**
 * Valid UTF-8 without a byte order mark as a string, what TextDecoder gives, 4–6 times faster: Node 20's
 * TextDecoder and Buffer#toString run V8's UTF-8 decoder over a 1 MB draft in 5–9 ms (~68M instructions,
 * callgrind), ICU's converter behind buffer.transcode in ~1.5 ms. (TextDecoder where Node was built without ICU.)
 */
function decodeUtf8(buf: Buffer): string {
  if (typeof transcode !== 'function') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
  return transcode(buf, 'utf8', 'utf16le').toString('utf16le');
}

const SEV_LABEL: Record<string, [string, string]> = {
  error: ['错误', '\x1b[31m'],
  warning: ['警告', '\x1b[33m'],
  information: ['提示', '\x1b[36m'],
  hint: ['建议', '\x1b[2m'],
};

function stylish(results: { file: string; findings: Finding[] }[], a: Args): string {
  // (node:tty only here: loading it, as process.stdout does, costs the other formats a few milliseconds.)
  const color = a.color ?? (!process.env.NO_COLOR && (require('node:tty') as typeof import('node:tty')).isatty(1));
  const c = (code: string, s: string) => (color ? code + s + '\x1b[0m' : s);
  const lines: string[] = [];
  const totals: Record<string, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    if (!r.findings.length) continue;
    lines.push(c('\x1b[4m', r.file === '-' ? '<stdin>' : r.file));
    for (const f of r.findings) {
      totals[f.severity]++;
      const [label, col] = SEV_LABEL[f.severity];
      const sev = a.locale === 'en' ? f.severity : label;
      lines.push(`  ${c('\x1b[2m', `${f.range.start.line + 1}:${f.range.start.character + 1}`)}  ${c(col, sev)}  ${f.message}  ${c('\x1b[2m', f.code)}`);
    }
    lines.push('');
  }
  const n = totals.error + totals.warning + totals.information + totals.hint;
  lines.push(
    a.locale === 'en'
      ? `${n} problems (${totals.error} errors, ${totals.warning} warnings, ${totals.information} info, ${totals.hint} hints)`
      : `共 ${n} 个问题（错误 ${totals.error}，警告 ${totals.warning}，提示 ${totals.information}，建议 ${totals.hint}）`,
  );
  return lines.join('\n');
}

/** Findings per piece of the JSON report (jsonOut). */
const JSON_PIECE = 128;

/**
 * Writes the JSON report to standard output (putOut; the caller flushes), in pieces of JSON_PIECE findings, each
 * encoded before the next is made: the same text as JSON.stringify of the whole. The whole report as one string
 * (3.7 MB of UTF-16 at 1 MB, and as much again to flatten it before encoding) took ~2,300 pages of fresh memory,
 * each a page fault at first touch. Each piece goes out as a range of JSON.stringify's result (without its
 * brackets): V8 builds that result from parts, and flattens it once to encode it, where slicing off the brackets
 * and joining a comma made it flatten the piece twice (~7 MB of copies at 1 MB).
 */
function jsonOut(results: { file: string; findings: Finding[] }[], stats: Map<string, Statistics>): void {
  putOut('[');
  for (let r = 0; r < results.length; r++) {
    const { file, findings } = results[r];
    // Up to '"diagnostics":[' of {"file":…,"statistics":…,"diagnostics":[]}.
    const head = JSON.stringify({ file, ...(stats.has(file) ? { statistics: stats.get(file) } : {}), diagnostics: [] });
    if (r) putOut(',');
    putOut(head, 0, head.length - 2);
    for (let i = 0; i < findings.length; i += JSON_PIECE) {
      const piece = JSON.stringify(findings.slice(i, i + JSON_PIECE).map(jsonFinding));
      if (i) putOut(',');
      putOut(piece, 1, piece.length - 1);
    }
    putOut(']}');
  }
  putOut(']');
}

function jsonFinding(f: Finding) {
  return {
    code: f.code,
    severity: f.severity,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    message: f.message,
  };
}

function sarifOut(results: { file: string; findings: Finding[] }[]): string {
  const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'gongwen',
              version: VERSION,
              rules: allCodes().map((c) => ({ id: c.code, shortDescription: { text: c.zh }, fullDescription: { text: c.en }, defaultConfiguration: { level: level(c.severity) } })),
            },
          },
          columnKind: 'utf16CodeUnits',
          results: results.flatMap((r) =>
            r.findings.map((f) => ({
              ruleId: f.code,
              level: level(f.severity),
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: r.file === '-' ? 'stdin' : r.file.split(path.sep).join('/') },
                    region: {
                      startLine: f.range.start.line + 1,
                      startColumn: f.range.start.character + 1,
                      endLine: f.range.end.line + 1,
                      endColumn: f.range.end.character + 1,
                    },
                  },
                },
              ],
            })),
          ),
        },
      ],
    },
    null,
    2,
  );
}

export function main(argv: string[]): number {
  let a: Args;
  let files: string[];
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      writeOut(HELP);
      return 0;
    }
    if (parsed === 'version') {
      writeOut(VERSION + '\n');
      return 0;
    }
    a = parsed;
    // Fixes for --fix, related locations for --stats (a repeat's first occurrence): no report prints either,
    // nor the hover text.
    setFindingExtras({ fixes: a.fix, related: a.stats, detail: false });
    if (a.config) {
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(a.config);
      } catch {
        st = undefined;
      }
      if (!st?.isFile()) throw new UsageError(`找不到配置文件“${a.config}” / configuration file "${a.config}" not found`);
    }
    if (a.printConfig) return printConfig(a, a.printConfig);
    files = expand(a.inputs);
  } catch (e) {
    writeErr(`gongwen-lint: ${(e as Error).message}\n`);
    return 2;
  }

  // Read everything first: an unreadable file stops the run before anything is written.
  const loaded: Loaded[] = [];
  for (const f of files) {
    try {
      loaded.push(load(f));
    } catch (e) {
      writeErr(`gongwen-lint: 无法读取“${f}”：${(e as NodeJS.ErrnoException).code ?? (e as Error).message} / cannot read "${f}"\n`);
      return 2;
    }
  }
  tuneForSize(loaded);
  const results: { file: string; findings: Finding[] }[] = [];
  const outlines: string[] = [];
  const stats: string[] = [];
  const statsByFile = new Map<string, Statistics>();
  const writes: { file: string; text: string }[] = [];
  const problems = new Map<string, ConfigProblem[]>();
  for (const l of loaded) {
    const cfg = configFor(a, l.file);
    if (cfg.file && cfg.problems.length) problems.set(cfg.file, cfg.problems);
    if (l.file !== '-' && isIgnored(cfg.effective, l.file)) continue;
    // A PDF, a .docx or binary junk: one line on stderr, no findings.
    const verdict = looksLikeText(l.text);
    if (!verdict.text) {
      writeErr(`gongwen-lint: ${l.file === '-' ? '<stdin>' : l.file}: ${notTextMessage(verdict, a.locale)}\n`);
      // `--fix -` is a filter: what comes in goes out, fixed or as it was, never nothing.
      if (a.fix && l.raw) writeOut(l.raw);
      continue;
    }
    const opts = { ...toCheckOptions(cfg.effective, a.locale), locale: a.locale };
    const format = /\.(md|markdown)$/i.test(l.file) ? 'markdown' : 'plaintext';
    let doc = new GwDocument(l.text, format, l.file);
    let findings = checkDocument(doc, opts);
    if (a.fix) {
      // Fixes can uncover others (a renumbered list): apply until nothing changes, a few rounds at most.
      let text = l.text;
      for (let round = 0; round < 5; round++) {
        const edits = fixAllEdits(doc, findings);
        if (!edits.length) break;
        text = applyEdits(doc, edits);
        doc = new GwDocument(text, format, l.file);
        findings = checkDocument(doc, opts);
      }
      const changed = text !== l.text;
      // No GB18030 encoder here, and fixed text in UTF-8 would change the file's encoding behind the user's back.
      if (changed && l.encoding !== 'utf-8') {
        const name = l.file === '-' ? '<stdin>' : `“${l.file}”`;
        writeErr(`gongwen-lint: ${name}不是 UTF-8 编码（按 GB18030 读取），为免损坏未写回修复 / not UTF-8 (read as GB18030); fixes not written\n`);
      }
      const fixed = changed && l.encoding === 'utf-8' ? (l.bom ? '\ufeff' + text : text) : undefined;
      // Standard input goes out fixed, or byte for byte (gongwen-lint --fix - < a.txt > b.txt never empties b.txt).
      if (l.raw) writeOut(fixed ?? l.raw);
      else if (fixed !== undefined) writes.push({ file: l.file, text: fixed });
    }
    results.push({ file: l.file, findings });
    if (a.stats) {
      const st = statistics(doc, findings, opts);
      statsByFile.set(l.file, st);
      stats.push(`${l.file === '-' ? '<stdin>' : l.file}\n${formatStatistics(st, a.locale)}`);
    }
    if (a.outline) outlines.push(`${l.file === '-' ? '<stdin>' : l.file}\n${outlineText(doc) || (a.locale === 'en' ? '(no outline)' : '（无结构层次）')}`);
  }
  for (const w of writes) {
    try {
      fs.writeFileSync(w.file, w.text);
    } catch (e) {
      writeErr(`gongwen-lint: 无法写入“${w.file}”：${(e as NodeJS.ErrnoException).code} / cannot write\n`);
      return 2;
    }
  }
  if (a.outline && a.format === 'stylish') writeOut((a.locale === 'en' ? '== Outline ==\n' : '== 大纲 ==\n') + outlines.join('\n\n') + '\n\n');
  if (a.stats && a.format === 'stylish') writeOut((a.locale === 'en' ? '== Statistics ==\n' : '== 统计 ==\n') + stats.join('\n\n') + '\n\n');
  // (`--fix -` writes the text to standard output, and nothing after it.)
  if (!(a.fix && files.includes('-'))) {
    if (a.format === 'json') jsonOut(results, statsByFile);
    // Two writes, not the report + '\n': writing that concatenation would first copy the report.
    else writeOut(a.format === 'sarif' ? sarifOut(results) : stylish(results, a));
    writeOut('\n');
  }
  // A broken configuration: the results above were checked without its broken parts; say so and exit 2.
  for (const list of problems.values()) for (const p of list) writeErr(`gongwen-lint: ${formatProblem({ ...p, file: path.relative(process.cwd(), p.file) || p.file }, a.locale)}\n`);
  if (problems.size) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

const resolved = new Map<string, Resolved>();

/** The configuration for one input file (standard input: as if it were a file in the current folder). */
function configFor(a: Args, file: string): Resolved {
  const docPath = path.resolve(file === '-' ? 'stdin' : file);
  const key = a.config || a.noConfig ? '' : path.dirname(docPath);
  let r = resolved.get(key);
  if (!r) resolved.set(key, (r = resolveConfig(docPath, { explicitFile: a.config, noFile: a.noConfig })));
  return r;
}

/** UTF-16 code units of text from which a run counts as large for V8's tiering (tuneForSize). */
const LARGE_RUN_UNITS = 200_000;

/**
 * V8's interrupt budget (how much bytecode a function runs between V8's looks at whether to optimise it) for a
 * large run: 8× V8's default instead of the 4× that scripts/build.mjs sets for every run. A long check optimises
 * fewer functions that run only a while, and TurboFan then leaves more of the second core to the collector's
 * helper threads. Alternating runs, 8× against 4× (paired medians of wall time): 1 MB -6.4, -15.8, -7.8 and
 * -27.5 ms in four sets of 41–61; 10 MB -50 ms (9 runs); 500 KB -1.3 and 300 KB +2.6 ms; 100 KB +11.1 and
 * +3.0 ms, hence 4× below ~200,000 units (~600 KB of Chinese in UTF-8). The flag is set back before a code
 * cache is written, with the others (server/boot.cjs).
 */
function tuneForSize(loaded: readonly Loaded[]): void {
  let units = 0;
  for (const l of loaded) units += l.text.length;
  if (units >= LARGE_RUN_UNITS) setV8Flags(`--interrupt-budget=${8 * 67584}`); // V8's default: 67,584
}

/** --print-config: the effective configuration for one file, with where each value came from. */
function printConfig(a: Args, file: string): number {
  const r = configFor(a, file);
  const e = r.effective;
  const rel = (p: string) => (p === 'default' || p === 'settings' ? p : path.relative(process.cwd(), p) || p);
  const sources = Object.fromEntries(Object.entries(e.sources).map(([k, v]) => [k, Array.isArray(v) ? v.map(rel) : rel(v)]));
  const out = {
    file,
    configFile: r.file ? rel(r.file) : null,
    ignored: file !== '-' && isIgnored(e, file),
    severity: Object.fromEntries(Object.entries(e.severity).map(([k, v]) => [k, v === 'information' ? 'info' : v])),
    rules: e.rules,
    cliches: e.cliches,
    allow: e.allow,
    ignore: e.ignore.map((g) => ({ glob: g.glob, base: rel(g.base) || '.' })),
    sources,
    problems: r.problems.map((p) => ({ file: rel(p.file), line: p.line + 1, column: p.character + 1, message: a.locale === 'en' ? p.en : `${p.zh} / ${p.en}` })),
  };
  writeOut(JSON.stringify(out, null, 2) + '\n');
  for (const p of r.problems) writeErr(`gongwen-lint: ${formatProblem({ ...p, file: rel(p.file) }, a.locale)}\n`);
  return r.problems.length ? 2 : 0;
}

if (require.main === module) {
  // One pass per file: per-line caches would only cost the time and memory of filling them.
  setLineCaching(false);
  // The scans over every character of each file (clichés, repetition) in WebAssembly (core/kernel.ts): a
  // one-shot process would run the JavaScript loops mostly before V8 has optimised them.
  useKernel(true);
  loadPrecompiledAutomaton(__dirname);
  // Every write is complete by now (writeFd), so the process can end at once, without V8 first handing back its
  // heap page by page (~10 ms after a 1 MB document).
  process.exit(main(process.argv.slice(2)));
}
