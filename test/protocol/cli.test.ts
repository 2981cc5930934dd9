// Runs the built gongwen-lint (dist/cli.js) as a user would from a terminal.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], input?: string, cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-cli-'));
}

describe('gongwen-lint', () => {
  it('prints JSON with 1-based lines and UTF-16 columns, and exits 1 on error-level findings', () => {
    const r = run(['--format', 'json', 'examples/speech.txt']);
    assert.equal(r.code, 1, r.err);
    const files = JSON.parse(r.out) as { file: string; diagnostics: { code: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
    assert.equal(files.length, 1);
    assert.equal(files[0].file, 'examples/speech.txt');
    const seq = files[0].diagnostics.find((d) => d.code === 'outline-sequence')!;
    assert.deepEqual([seq.severity, seq.line, seq.column, seq.endLine, seq.endColumn], ['error', 16, 1, 16, 4]);
    assert.ok(Object.keys(seq).join(',') === 'code,severity,line,column,endLine,endColumn,message');
  });

  it('writes its code cache on a first run, and the next run uses it instead of writing another', () => {
    // server/boot.cjs: V8 rejects a cache made under other flags, and the command line changes some while it runs
    // (RUN_FLAGS, and another for a large run: cli.ts tuneForSize); a cache written with those flags still set
    // would be rejected, and rewritten, at every run. The first run here is a large one.
    const hash = /const SOURCE_HASH = '([0-9a-f]+)'/.exec(fs.readFileSync(CLI, 'utf8'))?.[1];
    assert.ok(hash, 'dist/cli.js carries the hash of its bundle');
    const cache = `${CLI}.${hash}.cache`;
    const saved = fs.existsSync(cache) ? fs.readFileSync(cache) : undefined;
    try {
      fs.rmSync(cache, { force: true });
      const large = '一、总体要求\n' + '这是一段不长的文字。\n'.repeat(25_000); // 275,007 UTF-16 code units
      assert.equal(run(['--format', 'json', '-'], large).code, 0);
      const first = fs.statSync(cache, { bigint: true });
      assert.ok(first.size > 10_000n, 'a cache was written');
      assert.equal(run(['--format', 'json', 'examples/speech.txt']).code, 1);
      const second = fs.statSync(cache, { bigint: true });
      // A rewrite goes through a temporary file renamed over the cache: a new inode.
      assert.deepEqual([second.ino, second.mtimeNs, second.size], [first.ino, first.mtimeNs, first.size], 'the second run rewrote the cache: it had rejected it');
    } finally {
      if (saved) fs.writeFileSync(cache, saved);
    }
  });

  it('counts columns in UTF-16 code units after characters outside the BMP', () => {
    const r = run(['--format', 'json', '-'], '一、甲\n𠀀😀前言：(一)不是标记\n三、乙\n');
    const d = (JSON.parse(r.out)[0].diagnostics as { code: string; line: number; column: number }[]).find((x) => x.code === 'outline-sequence')!;
    assert.deepEqual([d.line, d.column], [3, 1]);
    const r2 = run(['--format', 'json', '-'], '𠀀😀同志们,大家好\n');
    const p = (JSON.parse(r2.out)[0].diagnostics as { code: string; column: number }[]).find((x) => x.code === 'punct-halfwidth');
    assert.ok(p, 'the half-width comma is flagged');
    assert.equal(p!.column, 8, 'the comma after two surrogate pairs and 同志们 is column 8');
  });

  it('exits 0 when nothing is at error level, and prints the outline', () => {
    const r = run(['--outline', '-'], '一、总体要求\n（一）指导思想\n二、主要任务\n');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /一、总体要求\n {2}（一）指导思想\n二、主要任务/);
  });

  it('prints a JSON report of thousands of findings per file, for several files, as one JSON text', () => {
    // The report is written in pieces of 128 findings (cli.ts JSON_PIECE) through a 192 KB buffer: they must join
    // into one JSON text, also where the buffer fills (c.txt's findings alone take ~580 KB).
    const dir = tmpdir();
    const lines = (n: number, from: number) => Array.from({ length: n }, (_, i) => `第${from + i}条,说明如下。`).join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'a.txt'), lines(300, 1));
    fs.writeFileSync(path.join(dir, 'b.txt'), lines(129, 301));
    fs.writeFileSync(path.join(dir, 'c.txt'), lines(3000, 430));
    const r = run(['--format', 'json', 'a.txt', 'b.txt', 'c.txt'], undefined, dir);
    const files = JSON.parse(r.out) as { file: string; diagnostics: { code: string; line: number }[] }[];
    assert.deepEqual(files.map((f) => f.file), ['a.txt', 'b.txt', 'c.txt']);
    for (const [f, n] of [[files[0], 300], [files[1], 129], [files[2], 3000]] as const) {
      const commas = f.diagnostics.filter((d) => d.code === 'punct-halfwidth').map((d) => d.line);
      assert.deepEqual(commas, Array.from({ length: n }, (_, i) => i + 1), `${f.file}: one half-width comma a line, in order`);
    }
  });

  it('prints statistics with --stats, in the stylish report and in JSON', () => {
    const text = '一、总体要求\n要坚定不移地推进改革，坚定不移地推进开放，坚定不移地推进创新。各部门要高度重视。\n';
    const r = run(['--stats', '--no-color', '-'], text);
    assert.match(r.out, /== 统计 ==/);
    assert.match(r.out, /“坚定不移…” 3 次/);
    const j = JSON.parse(run(['--stats', '--format', 'json', '-'], text).out);
    assert.ok(j[0].statistics, 'JSON carries a statistics object per file with --stats');
    assert.equal(JSON.parse(run(['--format', 'json', '-'], text).out)[0].statistics, undefined);
  });

  it('writes SARIF 2.1.0 with UTF-16 columns', () => {
    const r = run(['--format', 'sarif', '-'], '一、甲\n三、乙\n');
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    assert.equal(s.runs[0].columnKind, 'utf16CodeUnits');
    const res = s.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'outline-sequence');
    assert.equal(res.level, 'error');
    assert.equal(res.locations[0].physicalLocation.region.startLine, 2);
    assert.ok(s.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'series-style'));
  });

  it('fixes files in place with --fix and leaves a clean file unchanged', () => {
    const dir = tmpdir();
    const bad = path.join(dir, 'bad.txt');
    const good = path.join(dir, 'good.md');
    fs.writeFileSync(bad, '一.总体要求\r\n(一)目标\r\n（三）任务\r\n');
    fs.writeFileSync(good, '## 一、总体要求\n');
    const before = fs.statSync(good).mtimeMs;
    const r = run(['--fix', dir]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(fs.readFileSync(bad, 'utf8'), '一、总体要求\r\n（一）目标\r\n（二）任务\r\n');
    assert.equal(fs.statSync(good).mtimeMs, before);
  });

  it('reads a UTF-8 byte order mark as no text, and keeps it when it writes fixes', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'bom.txt');
    const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
    fs.writeFileSync(f, Buffer.concat([BOM, Buffer.from('一.总体要求\n（三）任务\n')]));
    const r = run(['--format', 'json', f]);
    const marks = (JSON.parse(r.out)[0].diagnostics as { code: string; line: number; column: number }[]).filter((d) => d.code === 'outline-marker-punct');
    assert.deepEqual(marks.map((d) => [d.line, d.column]), [[1, 1]], 'the marker starts in column 1: the byte order mark takes none');
    assert.equal(run(['--fix', f]).code, 0);
    assert.deepEqual(fs.readFileSync(f), Buffer.concat([BOM, Buffer.from('一、总体要求\n（一）任务\n')]));
    const piped = spawnSync(process.execPath, [CLI, '--fix', '-'], { input: Buffer.concat([BOM, Buffer.from('一.甲\n')]) });
    assert.deepEqual(piped.stdout, Buffer.concat([BOM, Buffer.from('一、甲\n')]), 'standard input fixed to standard output, the mark kept');
  });

  it('--fix - is a filter: standard input comes out fixed, or byte for byte when it cannot be or need not be', () => {
    const through = (input: Buffer) => spawnSync(process.execPath, [CLI, '--fix', '-'], { input });
    const clean = Buffer.from('一、总体要求\r\n\r\n这是一段干净的文字。\r\n');
    const r1 = through(clean);
    assert.equal(r1.status, 0, String(r1.stderr));
    assert.deepEqual(r1.stdout, clean, 'nothing to fix: the text is copied, not dropped (… > out.txt keeps it)');
    // 一、甲 / 三.乙 in GB18030: a fixable 三. the command line cannot write back in GB18030.
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xbc, 0xd7, 0x0a, 0xc8, 0xfd, 0x2e, 0xd2, 0xd2, 0x0a]);
    const r2 = through(gbk);
    assert.deepEqual(r2.stdout, gbk, 'a GB18030 input comes out as it came in, not re-encoded as UTF-8');
    assert.match(String(r2.stderr), /GB18030.*fixes not written/);
    const junk = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    const r3 = through(junk);
    assert.deepEqual(r3.stdout, junk, 'binary input is passed through');
    assert.match(String(r3.stderr), /binary|二进制/);
    // Nothing may follow the text on standard output: an outline, statistics or a report would end up in the file.
    for (const extra of [['--outline'], ['--stats'], ['--format', 'json']]) {
      const r = spawnSync(process.execPath, [CLI, '--fix', '-', ...extra], { input: Buffer.from('一、甲\n三、乙\n') });
      assert.equal(r.status, 2, `--fix - ${extra.join(' ')}: a usage error`);
      assert.equal(r.stdout.length, 0, 'nothing written');
      assert.match(String(r.stderr), /--fix - writes the text to standard output/);
    }
  });

  it('--fix - writes a long text out whole, a character outside the BMP where the writer cuts its slices included', () => {
    // The writer encodes 65,536 UTF-16 code units at a time: here a pair of surrogates (😀) sits across that cut,
    // another at the second one, and more all along.
    let text = '一.甲\n';
    const padTo = (n: number) => (text += 'abcdefghij'.repeat(7000).slice(0, n - text.length));
    padTo(65535);
    text += '😀' + '𠀀😀汉字，'.repeat(8000);
    padTo(131071);
    text += '😀' + '𠀀😀汉字，'.repeat(1000) + '\n';
    assert.equal(text.charCodeAt(65535), 0xd83d);
    assert.equal(text.charCodeAt(131071), 0xd83d);
    const r = spawnSync(process.execPath, [CLI, '--fix', '-'], { input: Buffer.from(text) });
    assert.equal(r.status, 0, String(r.stderr));
    assert.ok(r.stdout.equals(Buffer.from('一、甲\n' + text.slice(4))), 'the text fixed, every other byte as it came in');
  });

  it('expands globs and reads GB18030 files without writing them back', () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'a.txt'), '一、甲\n三、乙\n');
    fs.writeFileSync(path.join(dir, 'b.md'), '## 一、甲\n');
    // 一、甲 / 三、乙 in GB18030.
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xbc, 0xd7, 0x0a, 0xc8, 0xfd, 0xa1, 0xa2, 0xd2, 0xd2, 0x0a]);
    fs.writeFileSync(path.join(dir, 'c.txt'), gbk);
    const r = run(['--format', 'json', '**/*.txt'], undefined, dir);
    const files = (JSON.parse(r.out) as { file: string; diagnostics: { code: string }[] }[]).map((f) => [f.file, f.diagnostics.some((d) => d.code === 'outline-sequence')]);
    assert.deepEqual(files, [['c.txt', true], ['sub/a.txt', true]]);
    const fix = run(['--fix', 'c.txt'], undefined, dir);
    assert.match(fix.err, /GB18030/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'c.txt')), gbk);
  });

  it('exits 2 with a clear message on usage and I/O errors, writing nothing', () => {
    const missing = run(['no-such-file.txt']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /找不到“no-such-file\.txt”/);
    assert.equal(missing.out, '');
    const badFormat = run(['--format', 'xml', 'examples/speech.txt']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /xml/);
    assert.equal(run([]).code, 2);
    assert.equal(run(['--bogus', 'x']).code, 2);
    const dir = tmpdir();
    const f = path.join(dir, 'a.txt');
    fs.writeFileSync(f, '一.甲\n');
    const r = run(['--fix', f, path.join(dir, 'missing.txt')]);
    assert.equal(r.code, 2);
    assert.equal(fs.readFileSync(f, 'utf8'), '一.甲\n', 'nothing is written when one input fails');
  });

  // The report is written synchronously before the process exits at once (cli.ts writeFd): through a pipe, a
  // stream's write would still be queued when the process ends, and the reader would get the first 64 KB.
  describe('through a pipe', () => {
    let file: string;
    before(() => {
      // ~2,000 findings: a report of several hundred KB, far more than a pipe holds.
      file = path.join(tmpdir(), 'long.txt');
      fs.writeFileSync(file, '我们要坚定不移地推进高质量发展，切实加强组织领导，确保取得实效。\n'.repeat(700));
    });

    it('writes the whole report to a reader that starts reading late', async () => {
      const child = spawn(process.execPath, [CLI, '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pause();
      await new Promise((r) => setTimeout(r, 500));
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.resume();
      const code = await new Promise<number | null>((r) => child.on('close', r));
      const out = Buffer.concat(chunks).toString('utf8');
      assert.ok(out.length > 200_000, `a long report (${out.length} characters)`);
      const diagnostics = JSON.parse(out)[0].diagnostics as { code: string; line: number }[];
      assert.equal(diagnostics.filter((d) => d.code === 'cliche').length, 2800, 'four clichés on each of 700 lines');
      assert.equal(diagnostics[diagnostics.length - 1].line, 700);
      assert.equal(code, 0);
    });

    it('stops quietly when the reader closes the pipe early (gongwen-lint … | head)', async () => {
      const child = spawn(process.execPath, [CLI, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((r) => child.on('close', r));
      assert.equal(err, '', 'nothing on standard error');
      assert.equal(code, 0, 'the exit code of the findings (none at error level), not a crash');
    });
  });
});
