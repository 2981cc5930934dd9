// The snippet files: each parses, each 文种 has a whole-document template with its elements in order, the tab
// stops are well formed, today's date comes out in the GB/T 9704-2012 7.3.5.4 form, and an expanded template
// is itself a clean 公文 for our own checker.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../server/src/core/check';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  isFileTemplate?: boolean;
}

/** The 15 文种 of 《党政机关公文处理工作条例》 第八条, and the two non-文种 users write most. */
const GENRES = ['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'];
const EXTRA = ['讲话稿', '工作总结'];
const PINYIN: Record<string, string> = {
  决议: 'jueyi', 决定: 'jueding', '命令（令）': 'mingling', 公报: 'gongbao', 公告: 'gonggao', 通告: 'tonggao',
  意见: 'yijian', 通知: 'tongzhi', 通报: 'tongbao', 报告: 'baogao', 请示: 'qingshi', 批复: 'pifu', 议案: 'yian',
  函: 'han', 纪要: 'jiyao', 讲话稿: 'jianghuagao', 工作总结: 'gongzuozongjie',
};

function snippetFiles(): string[] {
  const contributed: { language: string; path: string }[] = pkg.contributes?.snippets ?? [];
  return [...new Set(contributed.map((s) => path.join(ROOT, s.path)))];
}

function load(file: string): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function bodyOf(s: Snippet): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

function templates(): Map<string, Snippet> {
  const out = new Map<string, Snippet>();
  for (const f of snippetFiles()) {
    for (const [name, s] of Object.entries(load(f))) {
      const m = /^公文模板：(.+)$/.exec(name);
      if (m) out.set(m[1], s);
    }
  }
  return out;
}

const VARS: Record<string, string> = { CURRENT_YEAR: '2024', CURRENT_MONTH: '02', CURRENT_DATE: '07' };

/**
 * Expands a snippet body as VS Code does, for the subset we use: $n, ${n}, ${n:default}, ${n|a,b|},
 * $VAR, ${VAR}, ${VAR/regex/format/}. Records tab stop numbers in order of appearance.
 */
function expand(body: string, stops: number[] = []): string {
  let out = '';
  let i = 0;
  const defaults = new Map<number, string>();
  while (i < body.length) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      out += body[i + 1];
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const simple = /^\$(\d+|[A-Z_]+)/.exec(body.slice(i));
    if (simple) {
      out += value(simple[1], undefined);
      i += simple[0].length;
      continue;
    }
    assert.strictEqual(body[i + 1], '{', `a lone $ at ${i}: ${body.slice(i, i + 20)}`);
    // Find the matching brace.
    let depth = 0;
    let j = i + 1;
    for (; j < body.length; j++) {
      if (body[j] === '\\') j++;
      else if (body[j] === '{') depth++;
      else if (body[j] === '}' && --depth === 0) break;
    }
    assert.ok(j < body.length, `unclosed \${ at ${i}`);
    const inner = body.slice(i + 2, j);
    i = j + 1;
    let m: RegExpExecArray | null;
    if ((m = /^(\d+)$/.exec(inner))) out += value(m[1], undefined);
    else if ((m = /^(\d+):([\s\S]*)$/.exec(inner))) out += value(m[1], expand(m[2], stops));
    else if ((m = /^(\d+)\|([^|]*)\|$/.exec(inner))) out += value(m[1], m[2].split(',')[0]);
    else if ((m = /^([A-Z_]+)\/((?:\\.|[^/])*)\/((?:\\.|[^/])*)\/([a-z]*)$/.exec(inner))) {
      const v = VARS[m[1]];
      assert.ok(v !== undefined, `unknown variable ${m[1]}`);
      out += v.replace(new RegExp(m[2], m[4]), m[3]);
    } else if ((m = /^([A-Z_]+)$/.exec(inner))) out += value(m[1], undefined);
    else assert.fail(`unsupported snippet syntax \${${inner}}`);
  }
  return out;

  function value(name: string, dflt: string | undefined): string {
    if (/^\d+$/.test(name)) {
      const n = Number(name);
      stops.push(n);
      if (dflt !== undefined) defaults.set(n, dflt);
      return defaults.get(n) ?? dflt ?? '';
    }
    const v = VARS[name];
    assert.ok(v !== undefined, `unknown variable ${name}`);
    return v;
  }
}

describe('snippets', () => {
  it('are contributed for plaintext, markdown and gongwen, and every file parses as JSON', () => {
    const langs = (pkg.contributes?.snippets ?? []).map((s: { language: string }) => s.language).sort();
    assert.deepStrictEqual([...new Set(langs)], ['gongwen', 'markdown', 'plaintext']);
    for (const f of snippetFiles()) {
      const all = load(f);
      assert.ok(Object.keys(all).length > 0, f);
      for (const [name, s] of Object.entries(all)) {
        assert.ok(s.prefix && s.body, `${name} needs prefix and body`);
        assert.ok(s.description && /[\u4e00-\u9fff]/.test(s.description) && /[A-Za-z]/.test(s.description), `${name}: description Chinese and English`);
      }
    }
  });

  it('have a whole-document template for each of the 15 文种, 讲话稿 and 工作总结, with Chinese and pinyin prefixes', () => {
    const t = templates();
    assert.deepStrictEqual([...t.keys()].sort(), [...GENRES, ...EXTRA].sort());
    for (const [genre, s] of t) {
      const prefixes = ([] as string[]).concat(s.prefix);
      assert.ok(prefixes.includes(genre.replace(/（.*/, '')), `${genre}: Chinese prefix`);
      assert.ok(prefixes.includes(PINYIN[genre]), `${genre}: pinyin prefix ${PINYIN[genre]}`);
      assert.strictEqual(s.isFileTemplate, true, `${genre}: offered by "Fill File with Snippet"`);
    }
  });

  it('number their tab stops from 1 without gaps and end at $0', () => {
    for (const f of snippetFiles()) {
      for (const [name, s] of Object.entries(load(f))) {
        const stops: number[] = [];
        expand(bodyOf(s), stops);
        const distinct = [...new Set(stops.filter((n) => n > 0))].sort((a, b) => a - b);
        assert.deepStrictEqual(distinct, distinct.map((_, i) => i + 1), `${name}: tab stops ${distinct}`);
        assert.ok(distinct.length > 0 || /^\d{4}年\d{1,2}月\d{1,2}日$/.test(expand(bodyOf(s))), `${name}: at least one tab stop`);
        // Each stop first appears in increasing order, so Tab walks the document top to bottom.
        const firsts = stops.filter((n, i) => n > 0 && stops.indexOf(n) === i);
        assert.deepStrictEqual(firsts, distinct, `${name}: tab stops in document order`);
      }
    }
  });

  it('write today as 2024年2月7日: full year, no leading zeros (GB/T 9704-2012 7.3.5.4)', () => {
    const t = templates();
    for (const genre of ['通知', '请示', '讲话稿']) {
      const text = expand(bodyOf(t.get(genre)!));
      assert.ok(text.includes('2024年2月7日'), `${genre}: ${text}`);
      assert.ok(!/年0|月0/.test(text), `${genre}: a leading zero`);
    }
    // Two-digit months and days keep both digits.
    const saved = { ...VARS };
    Object.assign(VARS, { CURRENT_MONTH: '10', CURRENT_DATE: '20' });
    try {
      assert.ok(expand(bodyOf(t.get('函')!)).includes('2024年10月20日'));
    } finally {
      Object.assign(VARS, saved);
    }
  });

  it('put the elements of a 公文 in order: 标题, 主送机关, 正文 outline, closing formula, 附件说明, 署名, 成文日期', () => {
    const closing: Record<string, string> = {
      通知: '特此通知。', 报告: '特此报告。', 请示: '妥否，请批示。', 函: '特此函告。', 议案: '请予审议。',
      公告: '特此公告。', 通告: '特此通告。', 通报: '特此通报。', 批复: '此复。',
    };
    const t = templates();
    for (const genre of GENRES) {
      const lines = expand(bodyOf(t.get(genre)!)).split('\n');
      const name = genre.replace(/（.*/, '');
      assert.ok(lines[0].endsWith(name === '命令' ? '令' : name), `${genre}: the title names the 文种: ${lines[0]}`);
      assert.ok(!/[。：]$/.test(lines[0]), `${genre}: no punctuation after the title`);
      const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
      const body = at(/^一、/);
      if (genre !== '命令（令）' && genre !== '议案') assert.ok(body > 0, `${genre}: a 一、 outline in the body`);
      const addressee = at(/^[^\s，。]+：$/);
      if (addressee >= 0 && body > 0 && !/^(出席|列席|请假)/.test(lines[addressee])) assert.ok(addressee < body, `${genre}: 主送机关 before the body`);
      if (closing[genre]) {
        const c = lines.indexOf(closing[genre]);
        assert.ok(c > body, `${genre}: closing formula ${closing[genre]} after the body`);
      }
      const date = lines.findIndex((l) => l === '2024年2月7日');
      const attach = at(/^附件：1\./);
      if (attach >= 0) assert.ok(attach > body && (date < 0 || attach < date), `${genre}: 附件说明 between body and date`);
      if (date >= 0) assert.ok(lines.slice(date + 1).every((l) => l === '' || /^（联系人/.test(l)), `${genre}: 成文日期 last`);
    }
  });

  it('expand, with their placeholder text, to a document our checker finds nothing wrong with', () => {
    const t = templates();
    for (const [genre, s] of t) {
      const text = expand(bodyOf(s));
      for (const format of ['plaintext', 'markdown'] as const) {
        const findings = checkText(text, format).findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.message}`);
        assert.deepStrictEqual(findings, [], `${genre} (${format}):\n${text}`);
      }
    }
  });
});
