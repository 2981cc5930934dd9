// One configuration for the editor, the command line and the server: the `.gongwenrc.json` file (JSON with
// comments and trailing commas), found by walking up from the document's folder, merged over the editor's
// `gongwen.*` settings, merged over the defaults. No LSP or VS Code import here: the CLI uses it as is.
//
// Merge order (later wins): defaults < VS Code settings < .gongwenrc.json.
//   - single values (rules.overuseThreshold, rules.repeatWindow, rules.outlineLevelSkip, rules.profile,
//     enable, run): the last layer that sets one wins;
//   - severity: per code, the last layer that names the code wins;
//   - lists (cliches, allow, ignore): every layer's entries apply together.
// Only the nearest file counts (files further up are not merged in). A broken file never stops checking:
// its broken parts are left out (a file that is not JSON at all is ignored entirely) and each problem is
// reported with the file, the line and what is wrong.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, modify, Node as JsonNode, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { allCodes } from '../core/check';
import { validateEntry } from '../core/cliche/dictionary';
import { CheckOptions, DEFAULT_OPTIONS } from '../core/rules/api';
import { isPatternEntry, patternProblem } from '../core/suppress';
import type { Severity } from '../core/types';
import { globMatcher } from './glob';

export const CONFIG_FILE = '.gongwenrc.json';

export type SeverityName = 'off' | 'hint' | 'info' | 'warning' | 'error';
export const SEVERITY_NAMES: readonly SeverityName[] = ['off', 'hint', 'info', 'warning', 'error'];
export type Profile = 'standard' | 'two-level';

/** What one layer (the settings or the file) says. Every field is optional. */
export interface ConfigLayer {
  enable?: boolean;
  run?: 'onType' | 'onSave';
  severity?: Record<string, SeverityName>;
  rules?: {
    outlineLevelSkip?: boolean;
    profile?: Profile;
    overuseThreshold?: number;
    repeatWindow?: number;
  };
  /** Extra 套话 entries, in the shape of server/data/cliches.json entries. */
  cliches?: Record<string, unknown>[];
  /** Phrases (or /…/ patterns) never flagged. */
  allow?: string[];
  /** Globs of files not checked, relative to the folder of the file that names them. */
  ignore?: string[];
}

/** One problem with a configuration file; lines and characters are 0-based. */
export interface ConfigProblem {
  file: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  zh: string;
  en: string;
}

export interface LoadedConfig {
  file: string;
  layer: ConfigLayer;
  problems: ConfigProblem[];
}

/** `file:line:col: 中文 / English` — the one-line form for terminals and logs (1-based line and column). */
export function formatProblem(p: ConfigProblem, locale: 'zh-cn' | 'en' = 'zh-cn'): string {
  const where = `${p.file}:${p.line + 1}:${p.character + 1}`;
  return locale === 'en' ? `${where}: ${p.en}` : `${where}: ${p.zh} / ${p.en}`;
}

// ---- validation ----

const LIMITS = {
  overuseThreshold: { min: 2, max: 1000 },
  repeatWindow: { min: 4, max: 100000 },
};

/** Entries may be written as a bare phrase; it becomes an entry of the user's own category. */
export function normalizeCliche(e: unknown): Record<string, unknown> | unknown {
  if (typeof e !== 'string') return e;
  return { phrase: e, category: '自定义', why: '本工作区或用户设置列为要避免的说法。', advice: '换成具体的说法，或删去。', whyEn: 'Listed as a phrase to avoid in this workspace or in your settings.', adviceEn: 'Say it concretely, or delete it.' };
}

class Validator {
  readonly problems: ConfigProblem[] = [];
  private lineStarts: number[] = [0];

  constructor(readonly file: string, text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  pos(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  report(offset: number, length: number, zh: string, en: string): void {
    const s = this.pos(offset);
    const e = this.pos(offset + Math.max(length, 1));
    this.problems.push({ file: this.file, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character, zh, en });
  }

  at(node: JsonNode, zh: string, en: string): void {
    this.report(node.offset, node.length, zh, en);
  }
}

const TYPE_ZH: Record<string, string> = { object: '对象', array: '数组', string: '字符串', number: '数字', boolean: '布尔值（true/false）', null: 'null' };

function typeIs(v: Validator, node: JsonNode, type: string, name: string): boolean {
  if (node.type === type) return true;
  v.at(node, `“${name}”应为${TYPE_ZH[type]}，实为${TYPE_ZH[node.type] ?? node.type}`, `"${name}" must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}, not ${node.type}`);
  return false;
}

function stringList(v: Validator, node: JsonNode, name: string, each?: (s: string, n: JsonNode) => boolean): string[] {
  const out: string[] = [];
  if (!typeIs(v, node, 'array', name)) return out;
  for (const item of node.children ?? []) {
    if (item.type !== 'string' || !String(item.value).trim()) {
      v.at(item, `“${name}”的每一项应为非空字符串`, `each item of "${name}" must be a non-empty string`);
      continue;
    }
    if (each && !each(item.value as string, item)) continue;
    out.push(item.value as string);
  }
  return out;
}

function propertyName(p: JsonNode): { key: JsonNode; value: JsonNode | undefined; name: string } {
  const [key, value] = p.children ?? [];
  return { key, value, name: String(key?.value) };
}

/** Checks a parsed tree and keeps every part that is usable. */
function validateTree(v: Validator, root: JsonNode): ConfigLayer {
  const layer: ConfigLayer = {};
  if (!typeIs(v, root, 'object', CONFIG_FILE)) return layer;
  const codes = new Set(allCodes().map((c) => c.code));
  for (const prop of root.children ?? []) {
    const { key, value, name } = propertyName(prop);
    if (!value) continue;
    switch (name) {
      case '$schema':
        typeIs(v, value, 'string', name);
        break;
      case 'severity': {
        if (!typeIs(v, value, 'object', name)) break;
        const sev: Record<string, SeverityName> = {};
        for (const p of value.children ?? []) {
          const { key: k, value: val, name: code } = propertyName(p);
          if (!codes.has(code)) {
            const near = [...codes].filter((c) => c.startsWith(code.split('-')[0])).slice(0, 6);
            const some = near.length ? near : [...codes].slice(0, 6);
            v.at(k, `未知的规则代码“${code}”（例如：${some.join('、')}…）`, `unknown rule code "${code}" (e.g. ${some.join(', ')}…)`);
            continue;
          }
          if (!val || val.type !== 'string' || !(SEVERITY_NAMES as readonly string[]).includes(val.value)) {
            v.at(val ?? k, `“${code}”的级别应为 ${SEVERITY_NAMES.join('、')} 之一`, `the severity of "${code}" must be one of ${SEVERITY_NAMES.join(', ')}`);
            continue;
          }
          sev[code] = val.value as SeverityName;
        }
        layer.severity = sev;
        break;
      }
      case 'rules': {
        if (!typeIs(v, value, 'object', name)) break;
        const rules: NonNullable<ConfigLayer['rules']> = {};
        for (const p of value.children ?? []) {
          const { key: k, value: val, name: opt } = propertyName(p);
          if (!val) continue;
          const full = `rules.${opt}`;
          if (opt === 'outlineLevelSkip') {
            if (typeIs(v, val, 'boolean', full)) rules.outlineLevelSkip = val.value;
          } else if (opt === 'profile') {
            if (val.type === 'string' && (val.value === 'standard' || val.value === 'two-level')) rules.profile = val.value;
            else v.at(val, `“${full}”应为 "standard"（四层，GB/T 9704-2012 7.3.3）或 "two-level"（一、→1.）`, `"${full}" must be "standard" (four levels) or "two-level" (一、→1.)`);
          } else if (opt === 'overuseThreshold' || opt === 'repeatWindow') {
            const { min, max } = LIMITS[opt];
            if (val.type === 'number' && Number.isInteger(val.value) && val.value >= min && val.value <= max) rules[opt] = val.value;
            else v.at(val, `“${full}”应为 ${min} 到 ${max} 之间的整数`, `"${full}" must be a whole number from ${min} to ${max}`);
          } else {
            v.at(k, `未知的规则选项“${opt}”（可用：outlineLevelSkip、profile、overuseThreshold、repeatWindow）`, `unknown rule option "${opt}" (known: outlineLevelSkip, profile, overuseThreshold, repeatWindow)`);
          }
        }
        layer.rules = rules;
        break;
      }
      case 'cliches': {
        if (!typeIs(v, value, 'array', name)) break;
        const list: Record<string, unknown>[] = [];
        for (const item of value.children ?? []) {
          const raw = item.type === 'string' ? item.value : jsonValue(item);
          const entry = normalizeCliche(raw);
          const errs = validateEntry(entry);
          if (errs.length) {
            v.at(item, `套话条目有误：${errs.join('；')}（格式同 server/data/cliches.json：phrase、category、why、advice）`, `bad cliché entry: ${errs.join('; ')} (same shape as the built-in entries: phrase, category, why, advice)`);
            continue;
          }
          list.push(entry as Record<string, unknown>);
        }
        layer.cliches = list;
        break;
      }
      case 'allow':
        layer.allow = stringList(v, value, name, (s, n) => {
          if (!isPatternEntry(s)) return true;
          const p = patternProblem(s);
          if (p) v.at(n, `“${s}”不可用：${p.zh}`, `"${s}" is not usable: ${p.en}`);
          return !p;
        });
        break;
      case 'ignore':
        layer.ignore = stringList(v, value, name);
        break;
      default:
        v.at(key, `未知的配置项“${name}”（可用：severity、rules、cliches、allow、ignore）`, `unknown property "${name}" (known: severity, rules, cliches, allow, ignore)`);
    }
  }
  return layer;
}

function jsonValue(n: JsonNode): unknown {
  switch (n.type) {
    case 'object':
      return Object.fromEntries((n.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? jsonValue(p.children[1]) : undefined]));
    case 'array':
      return (n.children ?? []).map(jsonValue);
    default:
      return n.value;
  }
}

/** Parses and validates the text of a configuration file. */
export function parseConfig(text: string, file: string): LoadedConfig {
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep offsets, drop the BOM
  const v = new Validator(file, text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length) {
    // The first syntax error is the one to fix; the ones after it usually follow from it.
    const e = errors[0];
    const what = printParseErrorCode(e.error);
    v.report(e.offset, e.length, `不是有效的 JSON（${PARSE_ZH[what] ?? what}），整个文件未生效`, `not valid JSON (${what}); the whole file is ignored`);
    return { file, layer: {}, problems: v.problems };
  }
  if (!root) return { file, layer: {}, problems: [] };
  return { file, layer: validateTree(v, root), problems: v.problems };
}

const PARSE_ZH: Record<string, string> = {
  InvalidSymbol: '无效的符号',
  InvalidNumberFormat: '数字格式有误',
  PropertyNameExpected: '缺少属性名（属性名须加双引号）',
  ValueExpected: '缺少值',
  ColonExpected: '缺少冒号',
  CommaExpected: '缺少逗号',
  CloseBraceExpected: '缺少 }',
  CloseBracketExpected: '缺少 ]',
  EndOfFileExpected: '文件结尾有多余内容',
  InvalidCommentToken: '注释有误',
  UnexpectedEndOfComment: '注释没有结束',
  UnexpectedEndOfString: '字符串没有结束',
  UnexpectedEndOfNumber: '数字没有结束',
  InvalidUnicode: 'Unicode 转义有误',
  InvalidEscapeCharacter: '转义字符有误',
  InvalidCharacter: '无效的字符',
};

// ---- files ----

const cache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedConfig }>();

/** Forgets every loaded file (the server calls this when a watched .gongwenrc.json changes). */
export function clearConfigCache(): void {
  cache.clear();
}

function fileProblem(file: string, zh: string, en: string): LoadedConfig {
  return { file, layer: {}, problems: [{ file, line: 0, character: 0, endLine: 0, endCharacter: 0, zh, en }] };
}

/** The largest .gongwenrc.json read: room for thousands of dictionary entries, not for a memory bomb. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads one configuration file, cached by path, modification time and size. Never throws. */
export function loadConfigFile(file: string): LoadedConfig {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? fileProblem(file, '配置文件不存在', 'the configuration file does not exist')
      : fileProblem(file, `无法读取配置文件（${code}）`, `cannot read the configuration file (${code})`);
  }
  if (st.isDirectory()) return fileProblem(file, `这是一个文件夹，不是配置文件，已按默认设置检查`, 'this is a folder, not a configuration file; the defaults are used');
  // A configuration is a few lines; a huge one (a 30 MB phrase ran the process out of memory) is refused.
  if (st.size > MAX_CONFIG_BYTES) {
    return fileProblem(file, `配置文件超过 ${MAX_CONFIG_BYTES / 1024 / 1024} MB，未生效，已按默认设置检查`, `the configuration file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB; it is ignored and the defaults are used`);
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.loaded;
  let loaded: LoadedConfig;
  try {
    loaded = parseConfig(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    loaded = fileProblem(file, `无法读取配置文件（${code}），已按默认设置检查`, `cannot read the configuration file (${code}); the defaults are used`);
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, loaded });
  return loaded;
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => {
    const r = path.resolve(p).replace(/[\\/]+$/, '');
    return process.platform === 'win32' || process.platform === 'darwin' ? r.toLowerCase() : r;
  };
  return norm(a) === norm(b);
}

/** Whether anything at all (a file, a folder, a broken link) has this name. */
function entryExists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The nearest `.gongwenrc.json` walking up from `dir`, stopping after a workspace folder root (so each folder
 * of a multi-root workspace has its own) or at the filesystem root. A folder of that name counts as found
 * (a broken configuration), so that the user is told rather than a file further up silently used.
 */
export function findConfigFile(dir: string, roots: readonly string[] = []): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const p = path.join(d, CONFIG_FILE);
    if (entryExists(p)) return p;
    if (roots.some((r) => samePath(r, d))) return undefined;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

// ---- merging ----

export type SourceName = 'default' | 'settings' | string;

export interface Layer {
  /** 'settings', or the path of a configuration file. */
  source: SourceName;
  layer: ConfigLayer;
  /** For ignore globs: the folder they are relative to. */
  base?: string;
}

export interface EffectiveConfig {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Every code's severity (core names: information, not info), or 'off'. */
  severity: Record<string, Severity | 'off'>;
  rules: { outlineLevelSkip: boolean; profile: Profile; overuseThreshold: number; repeatWindow: number };
  cliches: Record<string, unknown>[];
  allow: string[];
  ignore: { glob: string; base: string }[];
  /** Where each value came from: 'default', 'settings' or a file path; lists name every contributor. */
  sources: Record<string, SourceName | SourceName[]>;
  /** The configuration file in force, if any. */
  configFile?: string;
}

const toCore = (s: SeverityName): Severity | 'off' => (s === 'info' ? 'information' : s);

export function mergeLayers(layers: readonly Layer[]): EffectiveConfig {
  const codes = allCodes();
  const eff: EffectiveConfig = {
    enable: true,
    run: 'onType',
    severity: Object.fromEntries(codes.map((c) => [c.code, c.severity])),
    rules: { outlineLevelSkip: DEFAULT_OPTIONS.outlineLevelSkip, profile: 'standard', overuseThreshold: DEFAULT_OPTIONS.overuseThreshold, repeatWindow: DEFAULT_OPTIONS.repeatWindow },
    cliches: [],
    allow: [],
    ignore: [],
    sources: {},
  };
  const src = eff.sources;
  src.enable = 'default';
  src.run = 'default';
  for (const c of codes) src[`severity.${c.code}`] = 'default';
  for (const k of Object.keys(eff.rules)) src[`rules.${k}`] = 'default';
  src.cliches = [];
  src.allow = [];
  src.ignore = [];
  for (const { source, layer, base } of layers) {
    if (source !== 'settings' && source !== 'default') eff.configFile = source;
    if (layer.enable !== undefined) (eff.enable = layer.enable), (src.enable = source);
    if (layer.run !== undefined) (eff.run = layer.run), (src.run = source);
    for (const [code, s] of Object.entries(layer.severity ?? {})) (eff.severity[code] = toCore(s)), (src[`severity.${code}`] = source);
    const r = layer.rules ?? {};
    if (r.profile !== undefined) {
      eff.rules.profile = r.profile;
      src['rules.profile'] = source;
    }
    if (r.outlineLevelSkip !== undefined) (eff.rules.outlineLevelSkip = r.outlineLevelSkip), (src['rules.outlineLevelSkip'] = source);
    if (r.overuseThreshold !== undefined) (eff.rules.overuseThreshold = r.overuseThreshold), (src['rules.overuseThreshold'] = source);
    if (r.repeatWindow !== undefined) (eff.rules.repeatWindow = r.repeatWindow), (src['rules.repeatWindow'] = source);
    const add = (key: 'cliches' | 'allow' | 'ignore', n: number) => n && (src[key] as SourceName[]).push(source);
    // One by one, not push(...list): a list of 100,000+ entries would overflow the stack.
    for (const c of layer.cliches ?? []) eff.cliches.push(c);
    add('cliches', layer.cliches?.length ?? 0);
    // A set for the duplicates: includes() per phrase made 50,000 allowed phrases take a minute.
    const allowSeen = new Set(eff.allow);
    for (const a of layer.allow ?? []) if (!allowSeen.has(a)) (allowSeen.add(a), eff.allow.push(a));
    add('allow', layer.allow?.length ?? 0);
    for (const g of layer.ignore ?? []) eff.ignore.push({ glob: g, base: base ?? '' });
    add('ignore', layer.ignore?.length ?? 0);
  }
  return eff;
}

/** The core's check options from an effective configuration. */
export function toCheckOptions(eff: EffectiveConfig, locale: CheckOptions['locale'] = 'zh-cn'): Partial<CheckOptions> {
  const codes = allCodes();
  const rules: CheckOptions['rules'] = {};
  for (const c of codes) if (eff.severity[c.code] !== c.severity) rules[c.code] = eff.severity[c.code];
  return {
    locale,
    rules,
    outlineLevelSkip: eff.rules.outlineLevelSkip,
    // The two-level profile accepts 一、→1. (and only that skip) as practice allows in short documents.
    outlineProfile: eff.rules.profile === 'two-level' ? 'two-level' : 'standard',
    overuseThreshold: eff.rules.overuseThreshold,
    repeatWindow: eff.rules.repeatWindow,
    extraCliches: eff.cliches,
    allow: eff.allow,
  };
}

/** Whether a file is excluded by an ignore glob of the configuration. */
export function isIgnored(eff: EffectiveConfig, file: string): boolean {
  for (const { glob, base } of eff.ignore) {
    const rel = path.relative(base || process.cwd(), path.resolve(file)).split(path.sep).join('/');
    if (rel.startsWith('../')) continue;
    if (globMatcher(glob)(rel)) return true;
  }
  return false;
}

export interface Resolved {
  effective: EffectiveConfig;
  /** Problems of the configuration file in force, if any. */
  problems: ConfigProblem[];
  /** The configuration file looked at (even a broken one). */
  file?: string;
}

/**
 * The configuration for a document: settings (if any) < the nearest .gongwenrc.json (or `explicitFile`; or
 * none with `noFile`).
 */
export function resolveConfig(documentPath: string | undefined, opts: { settings?: ConfigLayer; roots?: readonly string[]; explicitFile?: string; noFile?: boolean } = {}): Resolved {
  const layers: Layer[] = [];
  if (opts.settings) layers.push({ source: 'settings', layer: opts.settings, base: opts.roots?.[0] });
  let file: string | undefined;
  if (!opts.noFile) file = opts.explicitFile ? path.resolve(opts.explicitFile) : documentPath ? findConfigFile(path.dirname(path.resolve(documentPath)), opts.roots) : undefined;
  let problems: ConfigProblem[] = [];
  if (file) {
    const loaded = loadConfigFile(file);
    problems = loaded.problems;
    layers.push({ source: file, layer: loaded.layer, base: path.dirname(file) });
  }
  return { effective: mergeLayers(layers), problems, file };
}

// ---- the editor's settings ----

/**
 * The `gongwen.*` settings as a layer. Unknown or ill-typed values are left out (the defaults stay), so a
 * broken setting never stops checking; VS Code validates them against package.json as the user types.
 */
export function settingsToLayer(s: unknown): ConfigLayer {
  const out: ConfigLayer = {};
  if (!s || typeof s !== 'object') return out;
  const o = s as Record<string, unknown>;
  if (typeof o.enable === 'boolean') out.enable = o.enable;
  if (o.run === 'onType' || o.run === 'onSave') out.run = o.run;
  const sev = o.severity;
  if (sev && typeof sev === 'object') {
    const map: Record<string, SeverityName> = {};
    for (const [code, v] of Object.entries(sev)) {
      if (typeof v !== 'string') continue;
      const name = v === 'information' ? 'info' : v;
      if ((SEVERITY_NAMES as readonly string[]).includes(name)) map[code] = name as SeverityName;
    }
    out.severity = map;
  }
  const rules = o.rules;
  if (rules && typeof rules === 'object') {
    const r = rules as Record<string, unknown>;
    const rl: NonNullable<ConfigLayer['rules']> = {};
    if (typeof r.outlineLevelSkip === 'boolean') rl.outlineLevelSkip = r.outlineLevelSkip;
    if (r.profile === 'standard' || r.profile === 'two-level') rl.profile = r.profile;
    for (const k of ['overuseThreshold', 'repeatWindow'] as const) {
      const v = r[k];
      if (typeof v === 'number' && Number.isInteger(v) && v >= LIMITS[k].min && v <= LIMITS[k].max) rl[k] = v;
    }
    out.rules = rl;
  }
  if (Array.isArray(o.cliches)) out.cliches = o.cliches.map(normalizeCliche).filter((e) => validateEntry(e).length === 0) as Record<string, unknown>[];
  if (Array.isArray(o.allow)) out.allow = o.allow.filter((a): a is string => typeof a === 'string' && !!a.trim() && (!isPatternEntry(a) || !patternProblem(a)));
  return out;
}

// ---- editing the file (quick fixes) ----

export interface OffsetEdit {
  offset: number;
  length: number;
  content: string;
}

const NEW_FILE = (body: string) => `{\n  // 公文写作助手配置 / Gongwen configuration: docs/configuration.md\n${body}\n}\n`;

function detectIndent(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const m = /^([ \t]+)\S/m.exec(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: m ? Math.min(m[1].length, 8) : 2, eol };
}

/**
 * Edits that make the configuration text say `value` at `jsonPath`, keeping comments and formatting
 * (`text` undefined: the content of a new file). Array values are appended unless already present.
 */
export function configEdits(text: string | undefined, jsonPath: (string | number)[], value: unknown, append = false): { edits: OffsetEdit[]; newFile?: string } {
  if (text === undefined || !text.trim()) {
    const obj: Record<string, unknown> = {};
    let cur: Record<string, unknown> = obj;
    jsonPath.forEach((k, i) => {
      if (i === jsonPath.length - 1) cur[k] = append ? [value] : value;
      else cur = (cur[k] = {}) as Record<string, unknown>;
    });
    const body = JSON.stringify(obj, null, 2).slice(2, -2);
    return { edits: [], newFile: NEW_FILE(body) };
  }
  const fmt = detectIndent(text);
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (append) {
    const arr = root && findNodeAtLocation(root, jsonPath);
    if (arr?.type === 'array') {
      if ((arr.children ?? []).some((c) => c.value === value)) return { edits: [] };
      return { edits: modify(text, [...jsonPath, -1], value, { formattingOptions: fmt, isArrayInsertion: true }) };
    }
    return { edits: modify(text, jsonPath, [value], { formattingOptions: fmt }) };
  }
  return { edits: modify(text, jsonPath, value, { formattingOptions: fmt }) };
}
