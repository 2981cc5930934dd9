// The client's strings are written t('中文', 'English'): VS Code uses the English text as the key and shows it
// as is in an English UI; Chinese UIs read it from l10n/bundle.l10n.zh-cn.json (and zh-tw). This keeps the
// bundles in step with the source, and package.nls*.json in step with package.json.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CALL = /\bt\(\s*'((?:[^'\\]|\\.)*)',\s*'((?:[^'\\]|\\.)*)'/g;

function unescape(s: string): string {
  return JSON.parse('"' + s.replace(/\\'/g, "'").replace(/"/g, '\\"') + '"');
}

/** English → Chinese, from every t(zh, en) call in client/src. */
export function sourceStrings(): Map<string, string> {
  const out = new Map<string, string>();
  const dir = path.join(ROOT, 'client/src');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(CALL)) {
      const zh = unescape(m[1]);
      const en = unescape(m[2]);
      const had = out.get(en);
      assert.ok(had === undefined || had === zh, `${f}: "${en}" is both “${had}” and “${zh}”`);
      out.set(en, zh);
    }
  }
  return out;
}

function readJson(rel: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
}

describe('localisation', () => {
  it('has every client string in the Chinese bundles, and nothing stale', () => {
    const strings = sourceStrings();
    assert.ok(strings.size > 30, `only ${strings.size} strings found: is the t() pattern still right?`);
    const want = Object.fromEntries([...strings].sort(([a], [b]) => (a < b ? -1 : 1)));
    assert.deepStrictEqual(readJson('l10n/bundle.l10n.zh-cn.json'), want);
    assert.deepStrictEqual(readJson('l10n/bundle.l10n.zh-tw.json'), want);
    assert.deepStrictEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), Object.keys(want).sort());
  });

  it('uses no vscode.l10n.t with a Chinese key (it would show Chinese in an English VS Code)', () => {
    const dir = path.join(ROOT, 'client/src');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.ok(!/l10n\.t\(\s*'[^']*[\u4e00-\u9fff]/.test(text), f);
    }
  });

  it('defines every %key% of package.json in English and Chinese', () => {
    const keys = [...new Set([...fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]))].sort();
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(file);
      assert.deepStrictEqual(keys.filter((k) => !(k in nls)), [], `${file} lacks keys`);
    }
    const zh = readJson('package.nls.zh-cn.json');
    for (const k of keys) assert.ok(/[\u4e00-\u9fff]/.test(zh[k]), `package.nls.zh-cn.json ${k} is not Chinese`);
  });
});
