// .gongwenrc.json: discovery, caching, merge order, severities, broken files, settings, edits, schema.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits as applyJsonEdits } from 'jsonc-parser';
import { allCodes, checkText, DocFormat } from '../../server/src/core';
import {
  clearConfigCache,
  configEdits,
  findConfigFile,
  isIgnored,
  loadConfigFile,
  mergeLayers,
  parseConfig,
  resolveConfig,
  settingsToLayer,
  toCheckOptions,
} from '../../server/src/config/config';

const SPEECH = '一、总体要求\n要进一步加强管理，推动高质量发展。\n1.主要目标\n';

function tmp(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-config-')));
}

function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** "line code severity" of the findings when checked with the configuration for `docPath`. */
function checkWith(text: string, r: ReturnType<typeof resolveConfig>, format: DocFormat = 'plaintext'): string[] {
  return checkText(text, format, toCheckOptions(r.effective))
    .findings.map((f) => `${f.range.start.line} ${f.code} ${f.severity}`)
    .sort();
}

const DEFAULT_RESULT = ['1 cliche hint', '1 cliche hint', '2 outline-level-skip information'];

describe('configuration: discovery', () => {
  beforeEach(clearConfigCache);

  it('finds the nearest .gongwenrc.json walking up from the document', () => {
    const root = tmp();
    const top = write(path.join(root, '.gongwenrc.json'), '{}');
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    assert.strictEqual(findConfigFile(path.join(root, 'a', 'b'), []), top);
    const near = write(path.join(root, 'a', '.gongwenrc.json'), '{}');
    assert.strictEqual(findConfigFile(path.join(root, 'a', 'b'), []), near);
    assert.strictEqual(resolveConfig(path.join(root, 'a', 'b', 'doc.txt')).file, near);
  });

  it('stops at a workspace folder root, so each folder of a multi-root workspace has its own', () => {
    const root = tmp();
    write(path.join(root, '.gongwenrc.json'), '{}');
    const folderA = path.join(root, 'A');
    const folderB = path.join(root, 'B');
    const inB = write(path.join(folderB, '.gongwenrc.json'), '{ "severity": { "cliche": "off" } }');
    write(path.join(folderA, 'doc.txt'), SPEECH);
    assert.strictEqual(findConfigFile(path.join(folderA, 'sub'), [folderA, folderB]), undefined, 'not the file above folder A');
    assert.strictEqual(findConfigFile(folderB, [folderA, folderB]), inB);
    const a = resolveConfig(path.join(folderA, 'doc.txt'), { roots: [folderA, folderB] });
    const b = resolveConfig(path.join(folderB, 'doc.txt'), { roots: [folderA, folderB] });
    assert.deepStrictEqual(checkWith(SPEECH, a), DEFAULT_RESULT);
    assert.deepStrictEqual(checkWith(SPEECH, b), ['2 outline-level-skip information']);
  });

  it('reads a file again only when it changed (cached by path and modification time)', () => {
    const file = write(path.join(tmp(), '.gongwenrc.json'), '{ "severity": { "cliche": "off" } }');
    const first = loadConfigFile(file);
    assert.strictEqual(loadConfigFile(file), first, 'unchanged: the cached result');
    fs.writeFileSync(file, '{ "severity": { "cliche": "error" } }');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.deepStrictEqual(loadConfigFile(file).layer.severity, { cliche: 'error' });
  });

  it('with noFile or an explicit file, the walk is skipped', () => {
    const root = tmp();
    write(path.join(root, '.gongwenrc.json'), '{ "severity": { "cliche": "off" } }');
    const other = write(path.join(root, 'elsewhere.json'), '{ "severity": { "cliche": "error" } }');
    const doc = path.join(root, 'doc.txt');
    assert.strictEqual(resolveConfig(doc, { noFile: true }).file, undefined);
    assert.strictEqual(resolveConfig(doc, { explicitFile: other }).effective.severity.cliche, 'error');
  });
});

describe('configuration: merge order defaults < settings < file', () => {
  it('the file wins where both speak; settings win over the defaults; lists combine', () => {
    const settings = settingsToLayer({
      severity: { cliche: 'error', 'repeat-nearby': 'off' },
      rules: { overuseThreshold: 5, repeatWindow: 50 },
      allow: ['推动高质量发展'],
    });
    const file = parseConfig('{ "severity": { "cliche": "warning" }, "rules": { "overuseThreshold": 4 }, "allow": ["进一步加强"] }', '/w/.gongwenrc.json').layer;
    const eff = mergeLayers([
      { source: 'settings', layer: settings },
      { source: '/w/.gongwenrc.json', layer: file, base: '/w' },
    ]);
    assert.strictEqual(eff.severity.cliche, 'warning');
    assert.strictEqual(eff.sources['severity.cliche'], '/w/.gongwenrc.json');
    assert.strictEqual(eff.severity['repeat-nearby'], 'off');
    assert.strictEqual(eff.sources['severity.repeat-nearby'], 'settings');
    assert.strictEqual(eff.severity['outline-sequence'], 'error');
    assert.strictEqual(eff.sources['severity.outline-sequence'], 'default');
    assert.strictEqual(eff.rules.overuseThreshold, 4);
    assert.strictEqual(eff.rules.repeatWindow, 50);
    assert.strictEqual(eff.sources['rules.repeatWindow'], 'settings');
    assert.deepStrictEqual(eff.allow, ['推动高质量发展', '进一步加强']);
    assert.deepStrictEqual(eff.sources.allow, ['settings', '/w/.gongwenrc.json']);
    // And the check sees it: both clichés allowed, so nothing but the outline finding is left.
    assert.deepStrictEqual(
      checkText(SPEECH, 'plaintext', toCheckOptions(eff)).findings.map((f) => f.code),
      ['outline-level-skip'],
    );
  });

  it('the two-level profile accepts 一、→1. but still reports other skipped levels; outlineLevelSkip false silences all', () => {
    const two = mergeLayers([{ source: 'f', layer: parseConfig('{ "rules": { "profile": "two-level" } }', 'f').layer }]);
    assert.strictEqual(toCheckOptions(two).outlineProfile, 'two-level');
    assert.deepStrictEqual(checkText(SPEECH, 'plaintext', toCheckOptions(two)).findings.filter((f) => f.code === 'outline-level-skip'), []);
    const deeper = '一、总体要求\n（1）细则一\n（2）细则二\n';
    assert.deepStrictEqual(checkText(deeper, 'plaintext', toCheckOptions(two)).findings.filter((f) => f.code === 'outline-level-skip').map((f) => f.range.start.line), [1]);
    const off = mergeLayers([
      { source: 'settings', layer: { rules: { profile: 'two-level' } } },
      { source: 'f', layer: { rules: { outlineLevelSkip: false } } },
    ]);
    assert.deepStrictEqual(checkText(deeper, 'plaintext', toCheckOptions(off)).findings.filter((f) => f.code === 'outline-level-skip'), []);
  });

  it('each severity name applies as written; off removes the findings', () => {
    const expect: Record<string, string | undefined> = { off: undefined, hint: 'hint', info: 'information', warning: 'warning', error: 'error' };
    for (const [name, core] of Object.entries(expect)) {
      const layer = parseConfig(`{ "severity": { "cliche": "${name}" } }`, 'f');
      assert.deepStrictEqual(layer.problems, [], name);
      const opts = toCheckOptions(mergeLayers([{ source: 'f', layer: layer.layer }]));
      const sev = checkText(SPEECH, 'plaintext', opts).findings.filter((f) => f.code === 'cliche').map((f) => f.severity);
      assert.deepStrictEqual(sev, core ? [core, core] : [], name);
    }
  });

  it('extra clichés: a bare phrase or a full entry', () => {
    const layer = parseConfig('{ "cliches": ["抓手", { "phrase": "形成{合力|闭环}", "category": "空喊落实", "why": "说了等于没说。", "advice": "写明谁做什么。" }] }', 'f');
    assert.deepStrictEqual(layer.problems, []);
    const opts = toCheckOptions(mergeLayers([{ source: 'f', layer: layer.layer }]));
    const hits = checkText('以项目为抓手，形成闭环。\n', 'plaintext', opts).findings.filter((f) => f.code === 'cliche');
    assert.strictEqual(hits.length, 2);
  });
});

describe('configuration: broken files never stop checking', () => {
  beforeEach(clearConfigCache);

  function broken(text: string): { line: number; message: string; result: string[] } {
    const root = tmp();
    write(path.join(root, '.gongwenrc.json'), text);
    const r = resolveConfig(path.join(root, 'doc.txt'));
    assert.strictEqual(r.problems.length, 1, JSON.stringify(r.problems));
    const p = r.problems[0];
    assert.strictEqual(p.file, path.join(root, '.gongwenrc.json'));
    return { line: p.line + 1, message: `${p.zh} / ${p.en}`, result: checkWith(SPEECH, r) };
  }

  it('bad JSON: the whole file is ignored, the line of the error is named', () => {
    const b = broken('{\n  // 关掉套话\n  "severity": { "cliche": "off" }\n  "allow": []\n}\n');
    assert.strictEqual(b.line, 4);
    assert.match(b.message, /不是有效的 JSON.*CommaExpected/);
    assert.deepStrictEqual(b.result, DEFAULT_RESULT);
  });

  it('an unknown rule code: named with its line; the rest of the file applies', () => {
    const b = broken('{\n  "severity": {\n    "cliche": "off",\n    "clichee": "off"\n  }\n}\n');
    assert.strictEqual(b.line, 4);
    assert.match(b.message, /未知的规则代码“clichee”.*unknown rule code "clichee"/);
    assert.deepStrictEqual(b.result, ['2 outline-level-skip information']);
  });

  it('a wrong type or value: named with its line; that part keeps its default', () => {
    assert.match(broken('{\n  "allow": "高质量发展"\n}').message, /“allow”应为数组.*must be an array/);
    const b = broken('{\n  "severity": { "cliche": "loud" }\n}');
    assert.strictEqual(b.line, 2);
    assert.match(b.message, /off、hint、info、warning、error/);
    assert.deepStrictEqual(b.result, DEFAULT_RESULT);
    assert.strictEqual(broken('{ "rules": {\n\n "overuseThreshold": "3" } }').line, 3);
    assert.match(broken('{ "unknownKey": 1 }').message, /未知的配置项“unknownKey”/);
  });

  it('a folder named .gongwenrc.json: reported, defaults used', () => {
    const root = tmp();
    fs.mkdirSync(path.join(root, '.gongwenrc.json'));
    const r = resolveConfig(path.join(root, 'doc.txt'));
    assert.strictEqual(r.problems.length, 1);
    assert.match(r.problems[0].en, /folder/);
    assert.deepStrictEqual(checkWith(SPEECH, r), DEFAULT_RESULT);
  });

  it('an unreadable file (a symbolic link to itself): reported, defaults used', () => {
    const root = tmp();
    fs.symlinkSync('.gongwenrc.json', path.join(root, '.gongwenrc.json'));
    const r = resolveConfig(path.join(root, 'doc.txt'));
    assert.strictEqual(r.problems.length, 1, JSON.stringify(r.problems));
    assert.match(r.problems[0].zh, /无法读取配置文件（ELOOP）/);
    assert.deepStrictEqual(checkWith(SPEECH, r), DEFAULT_RESULT);
  });

  it('comments and trailing commas are fine; an empty file is an empty configuration', () => {
    assert.deepStrictEqual(parseConfig('/* a */ { "allow": ["甲乙",], } // b', 'f').problems, []);
    assert.deepStrictEqual(parseConfig('', 'f'), { file: 'f', layer: {}, problems: [] });
  });

  it('ill-typed editor settings are left out', () => {
    assert.deepStrictEqual(settingsToLayer({ severity: { cliche: 3, 'repeat-nearby': 'info' }, rules: { overuseThreshold: 'x' }, allow: [1, '甲乙', '/(a+)+/'], run: 'sometimes' }), {
      severity: { 'repeat-nearby': 'info' },
      rules: {},
      allow: ['甲乙'],
    });
  });
});

describe('configuration: ignore globs', () => {
  it('are relative to the file\'s folder; a glob without / matches at any depth', () => {
    const root = tmp();
    write(path.join(root, '.gongwenrc.json'), '{ "ignore": ["drafts/**", "*.old.md"] }');
    const at = (rel: string) => isIgnored(resolveConfig(path.join(root, rel)).effective, path.join(root, rel));
    assert.strictEqual(at('drafts/a.txt'), true);
    assert.strictEqual(at('drafts/x/b.md'), true);
    assert.strictEqual(at('notes/c.old.md'), true);
    assert.strictEqual(at('notes/c.md'), false);
    assert.strictEqual(at('final/drafts.txt'), false);
  });
});

describe('configuration: editing the file keeps comments and formatting', () => {
  it('appends to allow and sets a severity', () => {
    const text = '{\n    // 本单位的用语\n    "allow": ["高质量发展"], // 常用\n    "severity": {}\n}\n';
    const t1 = applyJsonEdits(text, configEdits(text, ['allow'], '进一步加强', true).edits);
    assert.ok(t1.includes('// 本单位的用语') && t1.includes('// 常用'), t1);
    const t2 = applyJsonEdits(t1, configEdits(t1, ['severity', 'cliche'], 'off').edits);
    const back = parseConfig(t2, 'f');
    assert.deepStrictEqual(back.problems, []);
    assert.deepStrictEqual(back.layer.allow, ['高质量发展', '进一步加强']);
    assert.deepStrictEqual(back.layer.severity, { cliche: 'off' });
    assert.ok(/\n {4}"severity"/.test(t2), 'four-space indentation kept');
    assert.deepStrictEqual(configEdits(t2, ['allow'], '进一步加强', true).edits, [], 'already allowed: no edit');
  });

  it('creates a new file when there is none', () => {
    const r = configEdits(undefined, ['severity', 'repeat-nearby'], 'off');
    const back = parseConfig(r.newFile!, 'f');
    assert.deepStrictEqual(back.problems, []);
    assert.deepStrictEqual(back.layer.severity, { 'repeat-nearby': 'off' });
  });
});

describe('configuration: schema', () => {
  it('schemas/gongwenrc.schema.json knows every rule code and nothing else, and package.json contributes it', () => {
    const root = path.resolve(__dirname, '..', '..');
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'gongwenrc.schema.json'), 'utf8'));
    assert.deepStrictEqual(Object.keys(schema.properties.severity.properties).sort(), allCodes().map((c) => c.code).sort());
    assert.deepStrictEqual(Object.keys(schema.properties).sort(), ['$schema', 'allow', 'cliches', 'ignore', 'rules', 'severity']);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepStrictEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.gongwenrc.json', url: './schemas/gongwenrc.schema.json' }]);
    assert.deepStrictEqual(Object.keys(pkg.contributes.configuration.properties['gongwen.severity'].properties).sort(), allCodes().map((c) => c.code).sort());
  });
});
