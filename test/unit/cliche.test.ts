// 套话 dictionary, automaton and the cliche / cliche-overused rules, on text we write (and on the seed).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, checkText, CheckOptions, DocFormat, familyOccurrences, Finding, fixAllEdits, GwDocument } from '../../server/src/core';
import { AhoCorasick } from '../../server/src/core/cliche/automaton';
import { BUILTIN, CATEGORIES, ClicheMatcher, expandPattern, familyLabel, getClicheMatcher, validateEntry } from '../../server/src/core/cliche/dictionary';
import { formatStatistics, statistics } from '../../server/src/core/stats';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED_DIR = path.resolve(ROOT, '..', 'shared', 'seed');
const DATA = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'cliches.json'), 'utf8'));
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'cliches.schema.json'), 'utf8'));

function find(text: string, code = 'cliche', options: Partial<CheckOptions> = {}, format: DocFormat = 'plaintext'): Finding[] {
  return checkText(text, format, options).findings.filter((f) => f.code === code);
}

function covered(text: string, f: Finding): string {
  const doc = new GwDocument(text);
  return text.slice(doc.offsetAt(f.range.start), doc.offsetAt(f.range.end));
}

function texts(text: string, fs_: Finding[]): string[] {
  return fs_.map((f) => covered(text, f));
}

// ------------------------------------------------------------------ a small draft-07 checker
// Interprets exactly the keywords our schema uses, so the shipped data is checked against the schema file
// itself rather than a copy of its rules. A keyword the checker does not know fails the test.
const KNOWN = new Set(['$schema', 'title', 'description', 'type', 'required', 'additionalProperties', 'properties', 'definitions', 'items', 'minItems', '$ref', 'enum', 'minLength', 'maxLength', 'pattern', 'minimum']);

function validate(value: unknown, schema: Record<string, unknown>, root: Record<string, unknown>, at: string, errs: string[]): void {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) errs.push(`${at}: schema keyword ${k} not supported by the test checker`);
  if (typeof schema.$ref === 'string') {
    const target = (schema.$ref as string).replace(/^#\//, '').split('/').reduce<any>((o, k) => o?.[k], root);
    if (!target) errs.push(`${at}: unresolved ${schema.$ref}`);
    else validate(value, target, root, at, errs);
    return;
  }
  const type = schema.type as string | undefined;
  const is = (t: string) =>
    t === 'object' ? !!value && typeof value === 'object' && !Array.isArray(value) : t === 'array' ? Array.isArray(value) : t === 'integer' ? Number.isInteger(value) : typeof value === t;
  if (type && !is(type)) {
    errs.push(`${at}: expected ${type}`);
    return;
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errs.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    const len = [...value].length;
    if (typeof schema.minLength === 'number' && len < schema.minLength) errs.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && len > schema.maxLength) errs.push(`${at}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern as string, 'u').test(value)) errs.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) errs.push(`${at}: below ${schema.minimum}`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errs.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((v, i) => validate(v, schema.items as Record<string, unknown>, root, `${at}[${i}]`, errs));
  }
  if (type === 'object' && value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errs.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(o)) {
      if (props[k]) validate(v, props[k], root, `${at}.${k}`, errs);
      else if (schema.additionalProperties === false) errs.push(`${at}: unexpected property ${k}`);
    }
  }
}

describe('cliché dictionary data', () => {
  it('conforms to cliches.schema.json, which it names in $schema', () => {
    assert.strictEqual(DATA.$schema, './cliches.schema.json');
    const errs: string[] = [];
    validate(DATA, SCHEMA, SCHEMA, '$', errs);
    assert.deepStrictEqual(errs.slice(0, 10), []);
  });

  it('the checker above does reject bad entries', () => {
    const errs: string[] = [];
    const bad = { entries: [{ phrase: '进一步{加强', category: '不存在', why: '没有句号', advice: '改。', extra: 1 }] };
    validate(bad, SCHEMA, SCHEMA, '$', errs);
    assert.ok(errs.some((e) => e.includes('phrase') && e.includes('does not match')), errs.join('\n'));
    assert.ok(errs.some((e) => e.includes('not in enum')));
    assert.ok(errs.some((e) => e.includes('why')));
    assert.ok(errs.some((e) => e.includes('unexpected property extra')));
  });

  it('has at least 400 entries, each valid, every category known and used', () => {
    assert.ok(BUILTIN.length >= 400, `only ${BUILTIN.length} entries`);
    const schemaCats = SCHEMA.definitions.category.enum as string[];
    assert.deepStrictEqual([...schemaCats].sort(), [...CATEGORIES].sort());
    for (const e of BUILTIN) assert.deepStrictEqual(validateEntry(e, true), [], e.phrase);
    for (const c of CATEGORIES) assert.ok(BUILTIN.filter((e) => e.category === c).length >= 10, `category ${c} has fewer than 10 entries`);
  });

  it('has no duplicate phrase, even after expanding the families', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const e of BUILTIN) {
      for (const p of expandPattern(e.phrase)) {
        if (seen.has(p)) dups.push(`${p} (${seen.get(p)} / ${e.phrase})`);
        seen.set(p, e.phrase);
      }
    }
    assert.deepStrictEqual(dups, []);
    assert.ok(seen.size > 2000);
  });

  it('explains each entry in its own words, not one template', () => {
    const whys = new Set(BUILTIN.map((e) => e.why));
    const advice = new Set(BUILTIN.map((e) => e.advice));
    assert.strictEqual(whys.size, BUILTIN.length, 'two entries share a why');
    assert.ok(advice.size >= BUILTIN.length - 5, `only ${advice.size} distinct advice texts`);
    for (const e of BUILTIN) assert.ok(/[\u4e00-\u9fff]/.test(e.why) && /[\u4e00-\u9fff]/.test(e.advice), e.phrase);
  });

  it('gives a delete part only where it is in every phrase of the family', () => {
    const withDelete = BUILTIN.filter((e) => e.delete);
    assert.ok(withDelete.length >= 20);
    for (const e of withDelete) for (const p of expandPattern(e.phrase)) assert.ok(p.includes(e.delete!), `${p} lacks ${e.delete}`);
    const jyb = BUILTIN.find((e) => e.phrase.startsWith('进一步{'));
    assert.strictEqual(jyb?.delete, '进一步');
  });

  it('expands pattern families and rejects malformed ones', () => {
    assert.deepStrictEqual(expandPattern('进一步{加强|深化|提高}'), ['进一步加强', '进一步深化', '进一步提高']);
    assert.deepStrictEqual(expandPattern('坚定不移{地|}'), ['坚定不移地', '坚定不移']);
    assert.deepStrictEqual(expandPattern('{取得|}圆满{成功|完成}'), ['取得圆满成功', '取得圆满完成', '圆满成功', '圆满完成']);
    assert.throws(() => expandPattern('进一步{加强'));
    assert.throws(() => expandPattern('进{一{步}}'));
    assert.strictEqual(familyLabel('进一步{加强|深化}'), '进一步…');
    assert.strictEqual(familyLabel('{实现|推动|}高质量发展'), '…高质量发展');
    assert.strictEqual(familyLabel('高度重视'), '高度重视');
  });
});

describe('Aho–Corasick automaton', () => {
  it('finds every occurrence, overlapping ones included', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers']);
    const all = ac.findAll('ushers').map((m) => `${m.start}-${m.end}:${ac.patterns[m.pattern]}`);
    assert.deepStrictEqual(all.sort(), ['1-4:she', '2-4:he', '2-6:hers'].sort());
  });

  it('keeps the longest match at a position and reports a nested one once', () => {
    const ac = new AhoCorasick(['圆满成功', '取得了圆满成功', '丰硕成果']);
    const ms = ac.findLongest('活动取得了圆满成功和丰硕成果。');
    assert.deepStrictEqual(
      ms.map((m) => ac.patterns[m.pattern]),
      ['取得了圆满成功', '丰硕成果'],
    );
  });

  it('resolves overlaps left to right, the longest first', () => {
    const ac = new AhoCorasick(['高度重视', '重视程度', '提高重视程度']);
    // 高度重视 starts first; 重视程度 overlaps it and is dropped.
    assert.deepStrictEqual(ac.findLongest('高度重视程度').map((m) => ac.patterns[m.pattern]), ['高度重视']);
    assert.deepStrictEqual(ac.findLongest('要提高重视程度').map((m) => ac.patterns[m.pattern]), ['提高重视程度']);
  });

  it('matches on characters, with no word boundaries, and in UTF-16 columns', () => {
    const ac = new AhoCorasick(['精心安排']);
    const ms = ac.findLongest('𠮷精心安排');
    assert.strictEqual(ms[0].start, 2); // 𠮷 is two code units
  });
});

describe('cliche', () => {
  // One sentence of ours per category, and the phrase it must flag.
  const SAMPLES: [string, string, string][] = [
    ['空喊重视', '市政府对这项工作高度重视，专门作了研究。', '高度重视'],
    ['空喊落实', '各单位要狠抓落实，按时上报进度。', '狠抓落实'],
    ['成效无据', '去年的整治行动取得了明显成效。', '取得了明显成效'],
    ['空泛判断', '这次改革具有重要意义。', '具有重要意义'],
    ['过度修饰', '办公室精心安排了会议议程。', '精心安排'],
    ['冗余强调', '下一步要进一步加强档案管理。', '进一步加强'],
    ['穿靴戴帽式开头', '随着经济社会的快速发展，档案数量逐年增加。', '随着经济社会的快速发展'],
    ['无信息转承', '综上所述，全年共办结案件四十件。', '综上所述'],
    ['口号堆砌', '全区上下撸起袖子加油干。', '撸起袖子加油干'],
    ['表态套话', '我们坚决拥护这个决定。', '坚决拥护'],
    ['陈旧比喻', '要牵住牛鼻子，先解决审批慢的问题。', '牵住牛鼻子'],
    ['程式化结尾', '为全市发展作出新的更大贡献。', '作出新的更大贡献'],
  ];

  it('has a sample for every category', () => {
    assert.deepStrictEqual(SAMPLES.map((s) => s[0]).sort(), [...CATEGORIES].sort());
  });

  for (const [category, sentence, phrase] of SAMPLES) {
    it(`flags ${phrase} as ${category}, with why and advice in the hover`, () => {
      const fs_ = find(sentence);
      assert.deepStrictEqual(texts(sentence, fs_), [phrase]);
      const f = fs_[0];
      assert.strictEqual(f.severity, 'hint');
      assert.ok(f.message.startsWith(`套话“${phrase}”（${category}）`), f.message);
      assert.ok(f.message.includes('惯例') && f.message.includes('建议：'), f.message);
      assert.ok(f.detail?.includes(`**套话 · ${category}**`) && f.detail.includes('**为什么**') && f.detail.includes('**怎么改**'), f.detail);
    });
  }

  it('reports a phrase nested in a longer one once: 取得了圆满成功, not also 圆满成功', () => {
    const text = '本次招商活动取得了圆满成功。';
    assert.deepStrictEqual(texts(text, find(text)), ['取得了圆满成功']);
  });

  it('offers deleting a pure intensifier, not as the preferred fix', () => {
    const text = '要进一步加强档案管理。';
    const [f] = find(text);
    assert.strictEqual(f.fixes?.length, 1);
    const fix = f.fixes![0];
    assert.strictEqual(fix.title, '删去“进一步”');
    assert.ok(!fix.preferred);
    const doc = new GwDocument(text);
    assert.strictEqual(applyEdits(doc, fix.edits), '要加强档案管理。');
    // fix-all leaves it alone
    const { findings } = checkText(text);
    assert.strictEqual(applyEdits(doc, fixAllEdits(doc, findings)), text);
  });

  it('offers no delete where the phrase is not a mere intensifier', () => {
    const [f] = find('领导高度重视。');
    assert.strictEqual(f.fixes, undefined);
  });

  it('speaks English when asked, with the category name', () => {
    const [f] = find('领导高度重视。', 'cliche', { locale: 'en' });
    assert.ok(f.message.startsWith('Stock phrase "高度重视" (empty emphasis)'), f.message);
  });

  it('reads the prose only: nothing in Markdown code', () => {
    const md = '正文写明办法。\n\n`高度重视`\n\n```\n高度重视\n```\n';
    assert.deepStrictEqual(find(md, 'cliche', {}, 'markdown'), []);
    assert.strictEqual(find('领导高度重视。\n', 'cliche', {}, 'markdown').length, 1);
  });

  it('reports columns in UTF-16 code units', () => {
    const text = '𠮷𠮷高度重视。';
    const [f] = find(text);
    assert.deepStrictEqual(f.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 8 } });
  });

  it('takes extra entries and an allow list from the options', () => {
    const extra = [{ phrase: '全面赋能', category: '自定义', why: '流行词，没有说明做了什么。', advice: '写出具体措施。' }];
    const text = '要全面赋能产业，领导高度重视。';
    assert.deepStrictEqual(texts(text, find(text, 'cliche', { extraCliches: extra })), ['全面赋能', '高度重视']);
    assert.deepStrictEqual(texts(text, find(text, 'cliche', { extraCliches: extra, allow: ['高度重视'] })), ['全面赋能']);
    // an invalid extra is ignored, not fatal
    assert.deepStrictEqual(texts(text, find(text, 'cliche', { extraCliches: [{ phrase: '全面赋能' }, 42] })), ['高度重视']);
  });

  it('lets an allowed phrase mask what it contains', () => {
    const text = '活动取得了圆满成功。';
    assert.deepStrictEqual(find(text, 'cliche', { allow: ['取得了圆满成功'] }), []);
    assert.deepStrictEqual(find(text, 'cliche', { allow: ['圆满成功'] }).map((f) => covered(text, f)), ['取得了圆满成功']);
  });

  it('builds the automaton once and rebuilds it only when extras or allow change in content', () => {
    const a = getClicheMatcher();
    assert.strictEqual(getClicheMatcher([], []), a);
    const b = getClicheMatcher([], ['高度重视']);
    assert.notStrictEqual(b, a);
    assert.strictEqual(getClicheMatcher([], ['高度重视']), b); // a new array, same content
    assert.notStrictEqual(getClicheMatcher(), b);
    assert.ok(new ClicheMatcher().phraseCount > 2000);
  });
});

describe('cliche-overused', () => {
  const three = '领导高度重视。\n各部门高度重视。\n基层也高度重视。\n';

  it('flags the third occurrence and after, with the count and the other lines', () => {
    const fs_ = find(three, 'cliche-overused');
    assert.strictEqual(fs_.length, 1);
    const f = fs_[0];
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(f.range.start.line, 2);
    assert.ok(f.message.includes('出现 3 次，这是第 3 次（其余在第 1、2 行）'), f.message);
    // The other occurrences are the editor's to highlight on demand (familyOccurrences), not related locations
    // in every list of diagnostics.
    assert.strictEqual(f.related, undefined);
    // the cliche hint stays on every occurrence
    assert.strictEqual(find(three).length, 3);
  });

  it('highlights every occurrence of the family where the cursor is on one of them, and nothing elsewhere', () => {
    const text = '一要把安全摆在突出位置。\n二要把服务放在重要位置，\n三要把质量摆上重要位置。\n\n高度重视。';
    const doc = new GwDocument(text);
    const spans = (r: ReturnType<typeof familyOccurrences>) => r?.map((x) => [x.start.line, x.start.character, text.split('\n')[x.start.line].slice(x.start.character, x.end.character)]);
    const family = [
      [0, 5, '摆在突出位置'],
      [1, 5, '放在重要位置'],
      [2, 5, '摆上重要位置'],
    ];
    // Inside a phrase, on its first character and right after its last: the family, whatever its phrase.
    assert.deepStrictEqual(spans(familyOccurrences(doc, 1, 7)), family);
    assert.deepStrictEqual(spans(familyOccurrences(doc, 0, 5)), family);
    assert.deepStrictEqual(spans(familyOccurrences(doc, 2, 11)), family);
    // Another phrase is its own family; before a phrase, a blank line and past the end: nothing.
    assert.deepStrictEqual(spans(familyOccurrences(doc, 4, 0)), [[4, 0, '高度重视']]);
    assert.strictEqual(familyOccurrences(doc, 0, 4), undefined);
    assert.strictEqual(familyOccurrences(doc, 3, 0), undefined);
    assert.strictEqual(familyOccurrences(doc, 9, 0), undefined);
  });

  it('counts highlight columns in UTF-16 code units, across CRLF lines and characters outside the BMP', () => {
    const text = '😀𠀀领导高度重视。\r\n\u{20000}各方也高度重视。';
    const doc = new GwDocument(text);
    const got = familyOccurrences(doc, 1, 6);
    assert.deepStrictEqual(got, [
      { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } },
      { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } },
    ]);
    for (const r of got!) assert.strictEqual(text.split('\r\n')[r.start.line].slice(r.start.character, r.end.character), '高度重视');
  });

  it('highlights only the prose of a Markdown document: not a phrase in code, a comment or a link target', () => {
    const text = ['领导高度重视。', '```', '高度重视', '```', '<!-- 高度重视 -->', '[各方](https://example.com/高度重视) 也高度重视。'].join('\n');
    const doc = new GwDocument(text, 'markdown');
    assert.deepStrictEqual(familyOccurrences(doc, 0, 2)?.map((r) => [r.start.line, r.start.character]), [[0, 2], [5, 32]]);
    assert.strictEqual(text.split('\n')[5].slice(32, 36), '高度重视');
    assert.strictEqual(familyOccurrences(doc, 2, 0), undefined);
  });

  it('highlights what the settings check: nothing for an allowed phrase, nothing with both cliché codes off', () => {
    const doc = new GwDocument('领导高度重视。\n各部门高度重视。');
    assert.strictEqual(familyOccurrences(doc, 0, 3, { allow: ['高度重视'] }), undefined);
    assert.strictEqual(familyOccurrences(doc, 0, 3, { rules: { cliche: 'off', 'cliche-overused': 'off' } }), undefined);
    assert.strictEqual(familyOccurrences(doc, 0, 3, { rules: { cliche: 'off' } })?.length, 2);
    assert.strictEqual(familyOccurrences(doc, 0, 3, { rules: { 'cliche-overused': 'off' } })?.length, 2);
  });

  it('ends a long list of other lines with 等 and no space before 行', () => {
    const many = Array.from({ length: 15 }, (_, i) => `第${i + 1}处高度重视。`).join('\n');
    const last = find(many, 'cliche-overused').pop()!;
    assert.ok(last.message.includes('（其余在第 1、2、3、4、5、6、7、8、9、10、11、12 等行）'), last.message);
    const en = find(many, 'cliche-overused', { locale: 'en' }).pop()!;
    assert.ok(en.message.includes('(the others are on lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …)'), en.message);
  });

  it('follows the threshold setting', () => {
    assert.deepStrictEqual(find(three, 'cliche-overused', { overuseThreshold: 4 }), []);
    assert.strictEqual(find(three, 'cliche-overused', { overuseThreshold: 2 }).length, 2);
    assert.deepStrictEqual(find('领导高度重视。\n各部门高度重视。\n', 'cliche-overused'), []);
  });

  it('counts a pattern family together: 进一步加强, 进一步提高, 进一步完善', () => {
    const text = '要进一步加强管理，进一步提高效率，进一步完善制度。';
    const fs_ = find(text, 'cliche-overused');
    assert.deepStrictEqual(texts(text, fs_), ['进一步完善']);
    assert.ok(fs_[0].message.startsWith('“进一步…”类说法（此处为“进一步完善”）在本文出现 3 次'), fs_[0].message);
  });

  it('counts a list of unrelated alternatives phrase by phrase', () => {
    // 开阔眼界、转变观念、增长本领 share one entry (and one explanation) but are different phrases.
    const text = '这次考察开阔眼界、转变观念、增长本领。';
    assert.deepStrictEqual(find(text, 'cliche-overused'), []);
  });
});

describe('statistics', () => {
  it('counts clichés per category, the most used phrases and findings per code', () => {
    const text = '领导高度重视。\n各部门高度重视。\n要进一步加强管理，狠抓落实。\n';
    const { doc, findings } = checkText(text);
    const s = statistics(doc, findings);
    assert.strictEqual(s.byCode['cliche'], 4);
    assert.deepStrictEqual(s.clichesByCategory, [
      { category: '空喊重视', count: 2 },
      { category: '空喊落实', count: 1 },
      { category: '冗余强调', count: 1 },
    ]);
    assert.deepStrictEqual(s.topCliches, [{ phrase: '高度…', count: 2, lines: [1, 2], category: '空喊重视' }]);
    const zh = formatStatistics(s);
    assert.ok(zh.includes('套话：4 处') && zh.includes('空喊重视：2') && zh.includes('“高度…” 2 次（第 1、2 行）'), zh);
    const en = formatStatistics(s, 'en');
    assert.ok(en.includes('Stock phrases: 4') && en.includes('empty emphasis (空喊重视): 2') && en.includes('"高度…" ×2 (lines 1, 2)'), en);
  });

  it('lists the first 8 lines of a phrase, then 等 with no space before 行', () => {
    const text = Array.from({ length: 10 }, (_, i) => `第${i + 1}处高度重视。`).join('\n');
    const { doc, findings } = checkText(text);
    const s = statistics(doc, findings);
    const zh = formatStatistics(s);
    assert.ok(zh.includes('“高度…” 10 次（第 1、2、3、4、5、6、7、8 等行）'), zh);
    assert.ok(formatStatistics(s, 'en').includes('"高度…" ×10 (lines 1, 2, 3, 4, 5, 6, 7, 8, …)'), formatStatistics(s, 'en'));
  });
});

describe('cliche on the seed speech', () => {
  const dir = SEED_DIR;
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((n) => n.endsWith('.txt')) : undefined;

  it('flags the stock phrases the issue names', function () {
    if (!file) {
      this.skip(); // the seed lives beside the checkout (../shared/seed) and is not part of the project
    }
    const text = fs.readFileSync(path.join(dir, file!), 'utf8');
    const { doc, findings } = checkText(text);
    const cover = (f: Finding) => text.slice(doc.offsetAt(f.range.start), doc.offsetAt(f.range.end));
    const cliches = findings.filter((f) => f.code === 'cliche').map(cover);
    for (const p of ['高度重视', '取得了圆满成功', '精心安排', '周密部署']) assert.ok(cliches.includes(p), `no cliche on ${p}`);
    const overused = findings.filter((f) => f.code === 'cliche-overused').map(cover);
    assert.ok(overused.some((p) => p.startsWith('坚定不移')), `no cliche-overused on 坚定不移: ${overused.join(' ')}`);
    assert.ok(overused.some((p) => p.endsWith('高质量发展')), `no cliche-overused on 高质量发展: ${overused.join(' ')}`);
  });
});
