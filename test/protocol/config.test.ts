// .gongwenrc.json through the language server (dist/server.js --stdio), driven as an editor would: the ignore
// quick fixes, writing the configuration file, watched-file notifications, and problems in the file itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diag, LspClient, Published, Range, requireBuiltServer } from './lsp-client';

interface TextEdit {
  range: Range;
  newText: string;
}
interface Action {
  title: string;
  edit?: {
    changes?: Record<string, TextEdit[]>;
    documentChanges?: ({ kind: 'create'; uri: string } | { textDocument: { uri: string }; edits: TextEdit[] })[];
  };
}

class Client extends LspClient {
  /** Initialises with one workspace folder and the client capabilities the config quick fixes need. */
  async initializeIn(folder: string) {
    const uri = pathToFileURL(folder).toString();
    await this.initialize({
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      capabilities: { workspace: { applyEdit: true, configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } },
    });
  }

  open(uri: string, text: string, version = 1) {
    return this.openDocument(uri, text, version);
  }

  async actions(uri: string, d: Diag): Promise<Action[]> {
    return (await this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as Action[];
  }

  /** Tells the server a watched file changed (1 created, 2 changed, 3 deleted). */
  watched(file: string, type: 1 | 2 | 3) {
    return this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type }] });
  }
}

/** Applies LSP text edits to a text (edits do not overlap; applied from the end). */
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  }
  return text;
}

const SPEECH = ['一、总体要求', '　　要进一步加强管理，推动高质量发展。', '三、保障措施', ''].join('\n');
const sorted = (p: Published) => p.diagnostics.map((d) => `${d.range.start.line} ${d.code}`).sort();

describe('configuration through the language server', function () {
  let c: Client;
  let dir: string;
  let docUri: string;
  let rc: string;
  let rcUri: string;

  requireBuiltServer();
  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-lsp-config-')));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'speech.txt'), SPEECH);
    docUri = pathToFileURL(path.join(dir, 'docs', 'speech.txt')).toString();
    rc = path.join(dir, '.gongwenrc.json');
    rcUri = pathToFileURL(rc).toString();
    c = new Client();
    await c.initializeIn(dir);
  });
  afterEach(async () => {
    await c.stop();
  });

  it('"allow this phrase in the workspace" creates .gongwenrc.json; after didChangeWatchedFiles the finding is gone', async () => {
    await c.open(docUri, SPEECH);
    const first = await c.diagnostics((p) => p.uri === docUri);
    assert.deepEqual(sorted(first), ['1 cliche', '1 cliche', '2 outline-sequence']);
    const d = first.diagnostics.find((x) => x.code === 'cliche' && x.range.start.character === 11)!;
    const actions = await c.actions(docUri, d);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('在此行忽略 cliche'), titles.join(' | '));
    assert.ok(titles.includes('在本文档中不再提示“推动高质量发展”'), titles.join(' | '));
    assert.ok(titles.includes('在工作区关闭规则 cliche（写入 .gongwenrc.json）'), titles.join(' | '));
    const allow = actions.find((a) => a.title === '在工作区允许“推动高质量发展”（写入 .gongwenrc.json）');
    assert.ok(allow, titles.join(' | '));

    // The file does not exist yet: the edit creates it in the workspace folder, then fills it.
    const dc = allow!.edit!.documentChanges!;
    assert.deepEqual(dc[0], { kind: 'create', uri: rcUri, options: { ignoreIfExists: true } });
    const fill = dc[1] as { textDocument: { uri: string }; edits: TextEdit[] };
    assert.equal(fill.textDocument.uri, rcUri);
    assert.ok(!fs.existsSync(rc));
    fs.writeFileSync(rc, apply('', fill.edits));

    const mark = c.published.length;
    await c.watched(rc, 1);
    const after = await c.diagnostics((p) => p.uri === docUri, mark);
    assert.deepEqual(sorted(after), ['1 cliche', '2 outline-sequence']);

    // A second phrase goes into the same file, keeping what is there (comments included).
    fs.writeFileSync(rc, fs.readFileSync(rc, 'utf8').replace('{', '{\n  // 我们的用语'));
    const other = after.diagnostics.find((x) => x.code === 'cliche')!;
    const allow2 = (await c.actions(docUri, other)).find((a) => a.title.startsWith('在工作区允许'))!;
    fs.writeFileSync(rc, apply(fs.readFileSync(rc, 'utf8'), allow2.edit!.changes![rcUri]));
    const text = fs.readFileSync(rc, 'utf8');
    assert.match(text, /\/\/ 我们的用语/);
    assert.deepEqual(JSON.parse(text.replace(/\/\/.*$/gm, '')).allow, ['推动高质量发展', '进一步加强']);
    const mark2 = c.published.length;
    await c.watched(rc, 2);
    const last = await c.diagnostics((p) => p.uri === docUri, mark2);
    assert.deepEqual(sorted(last), ['2 outline-sequence']);
  });

  it('"ignore on this line" inserts a comment line above, indented like the line, and the finding goes', async () => {
    await c.open(docUri, SPEECH);
    const first = await c.diagnostics((p) => p.uri === docUri);
    const d = first.diagnostics.find((x) => x.code === 'cliche')!;
    const act = (await c.actions(docUri, d)).find((a) => a.title === '在此行忽略 cliche')!;
    const text = apply(SPEECH, act.edit!.changes![docUri]);
    assert.equal(text.split('\n')[1], '　　%% gongwen-disable-next-line cliche');
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: docUri, version: 2 }, contentChanges: [{ text }] });
    const after = await c.diagnostics((p) => p.uri === docUri && p.version === 2);
    assert.deepEqual(sorted(after), ['3 outline-sequence']);
  });

  it('editing .gongwenrc.json updates open documents; a broken file gets a diagnostic naming the line, and checking goes on', async () => {
    fs.writeFileSync(rc, '{\n  // 两层结构\n  "severity": { "cliche": "off" }\n}\n');
    await c.open(docUri, SPEECH);
    const first = await c.diagnostics((p) => p.uri === docUri);
    assert.deepEqual(sorted(first), ['2 outline-sequence']);

    let mark = c.published.length;
    fs.writeFileSync(rc, '{\n  "severity": { "cliche": "off", "outline-sequence": "off" }\n}\n');
    await c.watched(rc, 2);
    assert.deepEqual(sorted(await c.diagnostics((p) => p.uri === docUri, mark)), []);

    // Broken: an unknown code. The rest of the file still applies; the file itself shows where.
    mark = c.published.length;
    fs.writeFileSync(rc, '{\n  "severity": {\n    "cliche": "off",\n    "outline-sequense": "off"\n  }\n}\n');
    await c.watched(rc, 2);
    const onFile = await c.diagnostics((p) => p.uri === rcUri && p.diagnostics.length > 0, mark);
    assert.equal(onFile.diagnostics.length, 1);
    assert.equal(onFile.diagnostics[0].range.start.line, 3);
    assert.match(onFile.diagnostics[0].message, /未知的规则代码“outline-sequense”/);
    assert.deepEqual(sorted(await c.diagnostics((p) => p.uri === docUri, mark)), ['2 outline-sequence']);

    // Not JSON at all: defaults for everything; fixed again: the file's diagnostic is cleared.
    mark = c.published.length;
    fs.writeFileSync(rc, '{ "severity": ');
    await c.watched(rc, 2);
    const syntax = await c.diagnostics((p) => p.uri === rcUri && /不是有效的 JSON/.test(p.diagnostics[0]?.message ?? ''), mark);
    assert.equal(syntax.diagnostics[0].range.start.line, 0);
    assert.deepEqual(sorted(await c.diagnostics((p) => p.uri === docUri, mark)), ['1 cliche', '1 cliche', '2 outline-sequence']);
    mark = c.published.length;
    fs.unlinkSync(rc);
    await c.watched(rc, 3);
    assert.deepEqual((await c.diagnostics((p) => p.uri === rcUri, mark)).diagnostics, []);
  });

  it('settings apply without a restart, the file wins over them where both speak, and gongwen.enable false clears the findings', async () => {
    c.settings = { severity: { cliche: 'off' } };
    await c.open(docUri, SPEECH);
    assert.deepEqual(sorted(await c.diagnostics((p) => p.uri === docUri)), ['2 outline-sequence']);

    let mark = c.published.length;
    c.settings = { severity: { cliche: 'error', 'outline-sequence': 'hint' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const severities = (p: Published) => p.diagnostics.map((d) => `${d.code} ${d.severity}`).sort();
    assert.deepEqual(severities(await c.diagnostics((p) => p.uri === docUri, mark)), ['cliche 1', 'cliche 1', 'outline-sequence 4']);

    mark = c.published.length;
    fs.writeFileSync(rc, '{ "severity": { "cliche": "warning" } }');
    await c.watched(rc, 1);
    assert.deepEqual(severities(await c.diagnostics((p) => p.uri === docUri, mark)), ['cliche 2', 'cliche 2', 'outline-sequence 4']);

    mark = c.published.length;
    c.settings = { enable: false };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await c.diagnostics((p) => p.uri === docUri, mark)).diagnostics, []);
  });

  it('files named by an ignore glob of .gongwenrc.json get no findings', async () => {
    fs.writeFileSync(rc, '{ "ignore": ["docs/**"] }');
    const other = pathToFileURL(path.join(dir, 'other.txt')).toString();
    await c.open(docUri, SPEECH);
    await c.open(other, SPEECH);
    // The document outside the glob is checked (and, sent after it, proves the first one was handled).
    assert.deepEqual(sorted(await c.diagnostics((p) => p.uri === other)), ['1 cliche', '1 cliche', '2 outline-sequence']);
    assert.ok(!c.published.some((p) => p.uri === docUri && p.diagnostics.length > 0));
    const pulled = (await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: docUri } })) as { items: Diag[] };
    assert.deepEqual(pulled.items, []);
    const pulledOther = (await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: other } })) as { items: Diag[] };
    assert.equal(pulledOther.items.length, 3);
  });
});
