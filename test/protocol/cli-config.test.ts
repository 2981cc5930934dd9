// gongwen-lint with .gongwenrc.json: the built CLI (dist/cli.js) in a folder of our own.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, '--no-color', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SPEECH = ['一、总体要求', '要进一步加强管理，推动高质量发展。', '1.主要目标', '三、保障措施', ''].join('\n');

/** A workspace: docs/speech.txt, and the configuration text given (none if undefined). */
function workspace(config?: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-cli-config-')));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'speech.txt'), SPEECH);
  if (config !== undefined) fs.writeFileSync(path.join(dir, '.gongwenrc.json'), config);
  return dir;
}

function codes(r: { out: string }): string[] {
  const files = JSON.parse(r.out) as { diagnostics: { code: string; severity: string; line: number }[] }[];
  return files.flatMap((f) => f.diagnostics.map((d) => `${d.line} ${d.code} ${d.severity}`)).sort();
}

const CONFIG = `{
  // 本单位：两层结构，套话只作提示
  "severity": { "cliche": "info", "outline-sequence": "warning" },
  "rules": { "profile": "two-level" },
  "allow": ["推动高质量发展"],
}
`;

describe('gongwen-lint with a configuration file', () => {
  it('the same document gives different results with and without the nearest .gongwenrc.json', () => {
    const without = run(['--format', 'json', 'docs/speech.txt'], workspace());
    assert.equal(without.code, 1, without.err);
    assert.deepEqual(codes(without), ['2 cliche hint', '2 cliche hint', '3 outline-level-skip information', '4 outline-sequence error']);

    const dir = workspace(CONFIG);
    const withFile = run(['--format', 'json', 'docs/speech.txt'], dir);
    assert.equal(withFile.code, 0, withFile.err); // outline-sequence is a warning now
    assert.equal(withFile.err, '');
    assert.deepEqual(codes(withFile), ['2 cliche information', '4 outline-sequence warning']);

    const ignoringIt = run(['--format', 'json', '--no-config', 'docs/speech.txt'], dir);
    assert.deepEqual(codes(ignoringIt), codes(without));
  });

  it('--config points at another file; a missing one is a usage error (exit 2, nothing checked)', () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'team.json'), '{ "severity": { "cliche": "off" } }');
    const r = run(['--format', 'json', '--config', 'team.json', 'docs/speech.txt'], dir);
    assert.deepEqual(codes(r), ['3 outline-level-skip information', '4 outline-sequence error']);
    const missing = run(['--config', 'nope.json', 'docs/speech.txt'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.out, '');
    assert.match(missing.err, /找不到配置文件“nope\.json”.*not found/);
  });

  it('a broken file: one message naming the file and line on stderr, exit 2, results still printed with the defaults', () => {
    const dir = workspace('{\n  "severity": {\n    "clichee": "off"\n  }\n}\n');
    const r = run(['--format', 'json', 'docs/speech.txt'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /^gongwen-lint: \.gongwenrc\.json:3:5: 未知的规则代码“clichee”/);
    assert.deepEqual(codes(r), ['2 cliche hint', '2 cliche hint', '3 outline-level-skip information', '4 outline-sequence error']);
    const bad = run(['docs/speech.txt'], workspace('{ "allow": [ }'));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /\.gongwenrc\.json:1:14: 不是有效的 JSON/);
    assert.match(bad.out, /共 4 个问题/);
  });

  it('files named by ignore globs are skipped', () => {
    const dir = workspace('{ "ignore": ["drafts/**"] }');
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'old.txt'), SPEECH);
    const r = run(['--format', 'json', '.'], dir);
    assert.deepEqual(
      (JSON.parse(r.out) as { file: string }[]).map((f) => f.file),
      [path.join('docs', 'speech.txt')],
    );
  });

  it('--print-config prints the effective configuration for a file, and where each part came from', () => {
    const dir = workspace(CONFIG);
    const r = run(['--print-config', 'docs/speech.txt'], dir);
    assert.equal(r.code, 0, r.err);
    const c = JSON.parse(r.out);
    assert.equal(c.configFile, '.gongwenrc.json');
    assert.equal(c.severity.cliche, 'info');
    assert.equal(c.severity['repeat-nearby'], 'info');
    assert.equal(c.rules.profile, 'two-level');
    assert.equal(c.rules.outlineLevelSkip, true, 'the profile accepts 一、→1. without turning the whole check off');
    assert.deepEqual(c.allow, ['推动高质量发展']);
    assert.equal(c.sources['severity.cliche'], '.gongwenrc.json');
    assert.equal(c.sources['severity.repeat-nearby'], 'default');
    assert.equal(c.sources['rules.profile'], '.gongwenrc.json');
    assert.equal(c.sources['rules.outlineLevelSkip'], 'default');
    assert.deepEqual(c.sources.allow, ['.gongwenrc.json']);
    assert.deepEqual(c.problems, []);
    const none = JSON.parse(run(['--no-config', '--print-config', 'docs/speech.txt'], dir).out);
    assert.equal(none.configFile, null);
    assert.equal(none.severity.cliche, 'hint');
    assert.equal(none.sources['severity.cliche'], 'default');
  });
});
