// The server under abuse, through the protocol as an editor drives it: bursts of edits sent without waiting,
// versions out of order, a document closed while it is checked, the same document opened twice, cancelled
// requests, and a server killed and replaced mid-session. The last diagnostics must always be those of the
// last text, and the server must answer afterwards.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { checkText } from '../../server/src/core';
import { editorFindings } from '../../server/src/convert';
import { LspClient, Published, ROOT, requireBuiltServer, SERVER } from './lsp-client';

const URI = 'file:///robust/doc.txt';

class Client extends LspClient {
  open(text: string, uri = URI, version = 1) {
    return this.openDocument(uri, text, version);
  }

  /** A request the server answers only after everything sent before it has been read. */
  barrier() {
    return this.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: 'file:///robust/none.txt' } });
  }
}

/** What the core finds in a text, as "line:code" in the server's order, less what an editor is not sent. */
function expected(text: string): string[] {
  return editorFindings(checkText(text).findings).map((f) => `${f.range.start.line}:${f.range.start.character}:${f.code}`);
}
const got = (p: Published) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}:${d.code}`);

const BASE = ['一、总体要求', '（一）指导思想', '（三）工作目标', '二、主要任务', '一是统一思想。二是明确责任。三要加强督查。', ''].join('\n');

describe('language server robustness', function () {
  this.timeout(60_000);
  let c: Client;
  requireBuiltServer();
  beforeEach(() => {
    c = new Client();
  });
  afterEach(async () => {
    await c.stop();
  });

  it('1,000 incremental changes sent without waiting: the last diagnostics are those of the last version, none older comes after', async () => {
    await c.initialize();
    await c.open(BASE);
    let text = BASE;
    const N = 1000;
    const sends: Promise<void>[] = [];
    for (let v = 2; v <= N + 1; v++) {
      // Type a new outline item at the end, one character a change, with a line break every ten.
      const ch = v % 10 === 0 ? '\n' : '三四五、六（七）1.是'[v % 9];
      const lines = text.split('\n');
      const pos = { line: lines.length - 1, character: lines[lines.length - 1].length };
      text += ch;
      sends.push(c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: v }, contentChanges: [{ range: { start: pos, end: pos }, text: ch }] }));
    }
    await Promise.all(sends);
    const final = await c.diagnostics((p) => p.uri === URI && p.version === N + 1);
    await c.barrier();
    assert.equal(c.last(URI)!.version, N + 1, 'the last diagnostics are for the last version');
    assert.deepEqual(got(final), expected(text));
    const versions = c.published.filter((p) => p.uri === URI).map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `version ${versions[i]} published after ${versions[i - 1]}`);
    // The server stays responsive: symbols of the final text.
    const symbols = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as unknown[];
    assert.ok(symbols.length >= 2);
  });

  it('full-text changes with versions out of order: the diagnostics follow the last text received', async () => {
    await c.initialize();
    await c.open(BASE, URI, 10);
    await c.diagnostics((p) => p.uri === URI && p.version === 10);
    const t12 = '一、甲\n三、乙\n';
    const t11 = '一、甲\n二、乙\n四、丙\n';
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 12 }, contentChanges: [{ text: t12 }] });
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 11 }, contentChanges: [{ text: t11 }] });
    await c.diagnostics((p) => p.uri === URI && p.version === 11);
    await c.barrier();
    assert.equal(c.last(URI)!.version, 11);
    assert.deepEqual(got(c.last(URI)!), expected(t11));
  });

  it('a document closed while it is checked gets no diagnostics after its close', async () => {
    await c.initialize();
    const big = ('一、总体要求\n（一）目标。' + '各项工作落实落细，坚定不移地推进改革。'.repeat(40) + '\n（三）措施\n').repeat(600);
    const uri = 'file:///robust/big.txt';
    await c.open(big, uri);
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await c.diagnostics((p) => p.uri === uri && p.diagnostics.length === 0);
    // Let any check still running finish: a second document is opened, checked and answered after it.
    await c.open(BASE, 'file:///robust/after.txt');
    await c.diagnostics((p) => p.uri === 'file:///robust/after.txt');
    await c.barrier();
    assert.deepEqual(c.last(uri)!.diagnostics, [], 'nothing published for the closed document after its close');
  });

  it('a document closed and opened again under the same URI and version while it is checked: the new text wins', async () => {
    // VS Code reuses Untitled-N: a new untitled document can take the URI of one just closed, at version 1
    // again. The settings are answered late so that the check of the first text is still waiting for them.
    await c.initialize();
    let asked!: () => void;
    const firstAsked = new Promise<void>((r) => (asked = r));
    c.conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
      asked();
      await new Promise((r) => setTimeout(r, 150));
      return p.items.map(() => c.settings);
    });
    const first = '一、甲\n三、乙\n';
    const second = '一、甲\n二、乙\n四、丙\n五、丁\n';
    await c.open(first, URI, 1);
    await firstAsked; // the check of the first text has started
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    await c.open(second, URI, 1);
    await c.diagnostics((p) => p.uri === URI && p.diagnostics.length > 0);
    await new Promise((r) => setTimeout(r, 400)); // both checks have had their settings by now
    await c.barrier();
    // Nothing of the first text after its close: not even for a moment (an editor shows each list it gets).
    const afterClose = c.published.filter((p) => p.uri === URI).slice(1);
    assert.ok(afterClose.length > 0);
    for (const p of afterClose) assert.deepEqual(got(p), p.diagnostics.length ? expected(second) : []);
    assert.deepEqual(got(c.last(URI)!), expected(second));
    // Code actions are computed on the second text too: its fix-all renumbers 四、 and 五、.
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.gongwen'] },
    })) as { edit: { changes: Record<string, { range: { start: { line: number } }; newText: string }[]> } }[];
    assert.deepEqual(
      actions[0]?.edit.changes[URI].map((e) => `${e.range.start.line}:${e.newText}`),
      ['2:三', '3:四'],
    );
  });

  it('the same document opened twice: the second text wins', async () => {
    await c.initialize();
    await c.open('一、甲\n三、乙\n', URI, 1);
    const second = '一、甲\n二、乙\n四、丙\n五、丁\n';
    await c.open(second, URI, 1);
    await c.diagnostics((p) => p.uri === URI && p.diagnostics.length > 0 && p.diagnostics.some((d) => d.range.start.line === 2));
    await c.barrier();
    assert.deepEqual(got(c.last(URI)!), expected(second));
  });

  // After the first check of a long document the server types into a private copy of it (server/src/warmup.ts).
  const LONG = ('一、总体要求\n（一）目标。' + '各项工作落实落细，坚定不移地推进改革。'.repeat(3) + '\n（三）措施\n').repeat(400);
  /**
   * Types `keys` characters after the marker of a line near the middle that has stock phrases further right (so
   * that every keystroke moves a finding and a new list is published), each change waited for.
   */
  async function typeInto(text: string, uri: string, keys: number): Promise<void> {
    const all = text.split('\n');
    const line = all.findIndex((l, i) => i >= all.length >> 1 && l.includes('落实落细'));
    for (let k = 0; k < keys; k++) {
      const ch = '二是三、落实'[k % 6];
      const lines = text.split('\n');
      lines[line] = lines[line].slice(0, 3) + ch + lines[line].slice(3);
      text = lines.join('\n');
      const version = 2 + k;
      const pos = { line, character: 3 };
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: ch }] });
      const p = await c.diagnostics((d) => d.uri === uri && d.version === version);
      assert.deepEqual(got(p), expected(text), `keystroke ${k + 1}`);
    }
  }

  const WARMED = /typing path warmed up: 40 keystrokes/;
  const cases = [
    ['right after it opens: no warm-up', false],
    ['once the server has typed into its copy', true],
    ['after another was opened while the server typed into its copy: the warm-up still runs', true],
  ] as const;
  for (const [when, warmed] of cases) {
    it(`a long document typed into ${when}; each list is that of its text, and nothing is published for the copy`, async () => {
      const logs: string[] = [];
      c.conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
      c.settings = { maxProblems: 0 }; // all of them, as the core finds them
      await c.initialize();
      const uri = 'file:///robust/long.txt';
      const uris = [uri];
      assert.ok(LONG.length > 20_000);
      await c.open(LONG, uri);
      assert.deepEqual(got(await c.diagnostics((p) => p.uri === uri && p.version === 1)), expected(LONG));
      if (when.startsWith('after another')) {
        // The warm-up starts 300 ms after the first check and takes a few hundred: open the next one inside it.
        // Opening is no edit, and a check that comes due holds the warm-up back without ending it.
        await new Promise((r) => setTimeout(r, 350));
        uris.push('file:///robust/long2.txt');
        await c.open(LONG.replace(/目标/g, '任务'), uris[1]);
      }
      // Typed into once the warm-up is done (it says so in the log), or at once.
      for (let waited = 0; warmed && !logs.some((l) => WARMED.test(l)) && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await typeInto(LONG, uri, 8);
      await new Promise((r) => setTimeout(r, 1000)); // a warm-up that did not stop would run on meanwhile
      await c.barrier();
      assert.deepEqual([...new Set(c.published.map((p) => p.uri))].sort(), uris.sort());
      assert.equal(logs.filter((l) => WARMED.test(l)).length, warmed ? 1 : 0, logs.join('\n'));
    });
  }

  it('cancelled requests get an answer or a RequestCancelled error, and the server goes on', async () => {
    await c.initialize();
    const big = ('一、总体要求\n（一）目标。' + '各项工作落实落细。'.repeat(30) + '\n').repeat(2000);
    await c.open(big, URI);
    const outcomes: string[] = [];
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'gongwen/statistics', 'textDocument/hover']) {
      const params = method === 'textDocument/hover' ? { textDocument: { uri: URI }, position: { line: 0, character: 1 } } : { textDocument: { uri: URI } };
      // vscode-jsonrpc sends $/cancelRequest when the token is cancelled.
      const source = new CancellationTokenSource();
      const p = c.conn.sendRequest(method, params, source.token).then(
        () => 'answered',
        (e: unknown) => (e instanceof ResponseError && e.code === -32800 ? 'cancelled' : `error ${(e as Error).message}`),
      );
      source.cancel();
      outcomes.push(await p);
    }
    for (const o of outcomes) assert.ok(o === 'answered' || o === 'cancelled', o);
    await c.diagnostics((p) => p.uri === URI && p.version === 1);
    const symbols = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as unknown[];
    assert.ok(symbols.length >= 2000);
  });

  it('a corrupt code cache (dist/server.js.<hash>.cache, server/boot.cjs) is ignored: the server starts and checks as usual', async () => {
    c.proc.kill();
    const hash = /const SOURCE_HASH = '([0-9a-f]+)'/.exec(fs.readFileSync(SERVER, 'utf8'))?.[1];
    assert.ok(hash, 'dist/server.js carries the hash of its source');
    const cache = `${SERVER}.${hash}.cache`;
    const saved = fs.existsSync(cache) ? fs.readFileSync(cache) : undefined;
    try {
      fs.writeFileSync(cache, Buffer.alloc(4096, 0x5a));
      c = new Client();
      await c.initialize();
      await c.open(BASE);
      const p = await c.diagnostics((d) => d.uri === URI && d.version === 1);
      assert.deepEqual(got(p), expected(BASE));
    } finally {
      if (saved) fs.writeFileSync(cache, saved);
      else fs.rmSync(cache, { force: true });
    }
  });

  it('a killed server is replaced: a fresh one given the open documents again publishes the same diagnostics', async () => {
    await c.initialize();
    const text = BASE + '四、保障措施\n（二）督查\n';
    await c.open(text, URI, 7);
    const before = await c.diagnostics((p) => p.uri === URI && p.version === 7);
    c.proc.kill('SIGKILL');
    await new Promise((r) => c.proc.once('exit', r));
    c.conn.dispose();
    const t0 = performance.now();
    c = new Client();
    await c.initialize();
    await c.open(text, URI, 7);
    const after = await c.diagnostics((p) => p.uri === URI && p.version === 7);
    const ms = performance.now() - t0;
    assert.deepEqual(got(after), got(before));
    assert.ok(got(after).length > 0);
    // Reported, not asserted: docs/robustness.md quotes it.
    console.log(`      restart to diagnostics: ${ms.toFixed(0)} ms`);
  });
});

describe('hostile configuration: checking goes on with a clear message (gongwen-lint)', function () {
  this.timeout(60_000);
  const CLI = path.join(ROOT, 'dist', 'cli.js');
  const SPEECH = fs.readFileSync(path.join(ROOT, 'examples', 'speech.txt'), 'utf8');
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-hostile-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Runs the CLI on a copy of the example beside the given configuration; returns exit code, stderr, findings. */
  function lint(name: string, make: (rc: string) => void) {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'speech.txt'), SPEECH);
    make(path.join(dir, '.gongwenrc.json'));
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', path.join(dir, 'speech.txt')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const out = r.stdout ? (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }[]) : [];
    return { status: r.status, signal: r.signal, stderr: r.stderr, findings: out[0]?.diagnostics.length ?? 0 };
  }
  const phrase = (i: number) => String.fromCharCode(0x4e00 + ((i * 7) % 20000), 0x4e00 + ((i * 13) % 20000), 0x4e00 + ((i * 17) % 20000), 0x4e00 + ((i * 19) % 20000));
  let base: number | undefined;
  const baseline = () => (base ??= lint('none', () => undefined).findings);

  const cases: [string, (rc: string) => void, RegExp | undefined][] = [
    ['a folder named .gongwenrc.json', (rc) => fs.mkdirSync(rc), /文件夹.*folder/],
    ['a symbolic link to itself', (rc) => fs.symlinkSync('.gongwenrc.json', rc), /ELOOP/],
    ['broken JSON', (rc) => fs.writeFileSync(rc, '{ "allow": [ 1, 2, '), /JSON/],
    ['a 30 MB phrase', (rc) => fs.writeFileSync(rc, JSON.stringify({ allow: ['x'.repeat(30 * 1024 * 1024)] })), /1 MB/],
    ['patterns built to backtrack', (rc) => fs.writeFileSync(rc, JSON.stringify({ allow: ['/(a+)+$/', '/(\\w*)*x/', '/(.|.)*y/'] })), /嵌套量词.*nested quantifiers/],
    ['10,000 allowed phrases', (rc) => fs.writeFileSync(rc, JSON.stringify({ allow: Array.from({ length: 10_000 }, (_, i) => phrase(i)) })), undefined],
    ['50,000 allowed phrases', (rc) => fs.writeFileSync(rc, JSON.stringify({ allow: Array.from({ length: 50_000 }, (_, i) => 'x'.repeat(8) + i) })), undefined],
    ['a dictionary of 20,000 extra clichés', (rc) => fs.writeFileSync(rc, JSON.stringify({ cliches: Array.from({ length: 20_000 }, (_, i) => phrase(i)) })), undefined],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      const r = lint(name.replace(/\W+/g, '-'), make);
      assert.equal(r.signal, null, 'no crash');
      assert.ok(r.status === 1 || r.status === 2, `exit ${r.status}: ${r.stderr.slice(0, 300)}`);
      if (message) assert.match(r.stderr, message);
      else assert.equal(r.stderr, '');
      assert.ok(r.findings > 0, 'the document is still checked');
      if (message) assert.equal(r.findings, baseline(), 'a refused configuration means the defaults');
    });
  }
});

describe('untrusted workspace: the .gongwenrc.json may only narrow what is reported', function () {
  this.timeout(30_000);
  let c: Client;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-untrusted-'));
    c = new Client();
  });
  afterEach(async () => {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('drops extra clichés, patterns and raised severities until trust is granted; keeps what narrows', async () => {
    fs.writeFileSync(
      path.join(dir, '.gongwenrc.json'),
      JSON.stringify({
        cliches: ['认真学习领会'],
        allow: ['/狠抓.+/', '高度重视'],
        severity: { 'series-style': 'error', 'outline-sequence': 'off' },
        ignore: ['../**'],
      }),
    );
    const file = path.join(dir, 'doc.txt');
    const text = '一、总体要求\n三、主要任务\n要认真学习领会，高度重视，狠抓落实。一是统一思想。二要明确责任。\n';
    fs.writeFileSync(file, text);
    const uri = require('node:url').pathToFileURL(file).toString();
    await c.initialize({ rootUri: require('node:url').pathToFileURL(dir).toString(), initializationOptions: { isTrusted: false } });
    await c.open(text, uri);
    const untrusted = await c.diagnostics((p) => p.uri === uri);
    const codes = (p: Published) => p.diagnostics.map((d) => `${d.code}:${text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)}`);
    const u = codes(untrusted);
    assert.ok(!u.some((x) => x.startsWith('outline-sequence')), 'turning a rule off narrows: applied');
    assert.ok(!u.some((x) => x.includes('高度重视')), 'a plain allowed phrase narrows: applied');
    assert.ok(u.some((x) => x.includes('狠抓落实')), 'a /pattern/ is not applied');
    assert.ok(!u.some((x) => x.includes('认真学习领会')), 'an extra dictionary entry is not applied');
    const style = (p: Published) => (p.diagnostics.find((d) => d.code === 'series-style') as unknown as { severity: number } | undefined)?.severity;
    assert.equal(style(untrusted), 2, 'series-style keeps its default severity (warning), not the raised error');
    // Trust granted: the whole file applies.
    await c.conn.sendNotification('gongwen/workspaceTrust', { trusted: true });
    const trusted = await c.diagnostics((p) => p.uri === uri && p !== untrusted && p.diagnostics.some((d) => d.code === 'cliche' && text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character) === '认真学习领会'));
    const t = codes(trusted);
    assert.ok(!t.some((x) => x.includes('狠抓落实')), 'the pattern now applies');
    assert.equal(style(trusted), 1, 'series-style raised to error');
  });
});
