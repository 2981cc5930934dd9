// Drives the built server (dist/server.js --stdio) with a real JSON-RPC client, as any LSP editor would.
import * as assert from 'node:assert/strict';
import { Diag, LspClient, requireBuiltServer } from './lsp-client';

const URI = 'file:///gongwen-test/doc.txt';

interface TextEdit {
  range: Diag['range'];
  newText: string;
}

class Client extends LspClient {
  open(text: string, uri = URI, languageId = 'plaintext', version = 1) {
    return this.openDocument(uri, text, version, languageId);
  }
}

const TEXT = ['一、总体要求', '（一）指导思想', '（三）工作目标', '二、主要任务', '一是统一思想。二是明确责任。三要加强督查。'].join('\n');

describe('language server over stdio', function () {
  let c: Client;
  requireBuiltServer();
  beforeEach(() => {
    c = new Client();
  });
  afterEach(async () => {
    await c.stop();
  });

  it('advertises incremental sync, symbols, folding, code actions and the renumber command', async () => {
    const r = await c.initialize();
    const caps = r.capabilities as { textDocumentSync: { change: number }; executeCommandProvider: { commands: string[] }; codeActionProvider: { codeActionKinds: string[] } };
    assert.equal(caps.textDocumentSync.change, 2);
    assert.ok(caps.executeCommandProvider.commands.includes('gongwen.renumberOutline'));
    assert.ok(caps.codeActionProvider.codeActionKinds.includes('source.fixAll.gongwen'));
    assert.ok(r.capabilities.documentSymbolProvider && r.capabilities.foldingRangeProvider);
  });

  it('publishes diagnostics for the version opened, then for each incremental edit', async () => {
    await c.initialize();
    await c.open(TEXT);
    const first = await c.diagnostics((p) => p.uri === URI && p.version === 1);
    const codes = first.diagnostics.filter((d) => d.code.startsWith('outline') || d.code.startsWith('series')).map((d) => `${d.range.start.line}:${d.code}`);
    assert.deepEqual(codes, ['2:outline-sequence', '4:series-style']);
    assert.ok(first.diagnostics.every((d) => d.source === 'gongwen'));
    assert.match(first.diagnostics.find((d) => d.code === 'outline-sequence')!.message, /应为“（二）”/);

    // Fix 三 → 二 by an incremental edit, then break the first marker.
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } }, text: '二' }],
    });
    const second = await c.diagnostics((p) => p.uri === URI && p.version === 2);
    assert.ok(!second.diagnostics.some((d) => d.code === 'outline-sequence'));
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: '.' }],
    });
    const third = await c.diagnostics((p) => p.uri === URI && p.version === 3);
    const punct = third.diagnostics.find((d) => d.code === 'outline-marker-punct');
    assert.ok(punct, 'the wrong mark is flagged');
    assert.deepEqual(punct!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
  });

  it('sends related locations only to a client that shows them, and highlights an overused phrase on demand', async () => {
    const text = `${TEXT}\n领导高度重视。\n各部门高度重视。\n基层也高度重视。`;
    const caps = (await c.initialize()).capabilities;
    assert.equal(caps.documentHighlightProvider, true);
    await c.open(text);
    const full = (await c.diagnostics((p) => p.uri === URI && p.version === 1)).diagnostics;
    // An outline item that breaks the sequence links the item before it.
    const seq = full.find((d) => d.code === 'outline-sequence');
    assert.deepEqual(seq?.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[URI, 1]]);
    // An overused phrase names the other lines in its message, and links none of them: the cursor on it
    // highlights every occurrence of the family instead, only when asked.
    const overused = full.find((d) => d.code === 'cliche-overused');
    assert.equal(overused?.range.start.line, 7);
    assert.equal(overused!.relatedInformation, undefined);
    assert.match(overused!.message, /其余在第 6、7 行/);
    const lit = (await c.conn.sendRequest('textDocument/documentHighlight', { textDocument: { uri: URI }, position: { line: 7, character: 4 } })) as { range: Diag['range']; kind: number }[];
    assert.deepEqual(
      lit.map((h) => [h.range.start.line, h.range.start.character, h.range.end.character, h.kind]),
      [[5, 2, 6, 1], [6, 3, 7, 1], [7, 3, 7, 1]],
    );
    assert.equal(await c.conn.sendRequest('textDocument/documentHighlight', { textDocument: { uri: URI }, position: { line: 0, character: 1 } }), null);
    await c.stop();
    c = new Client();
    await c.initialize({ capabilities: { workspace: { configuration: true } } }); // declares no relatedInformation
    await c.open(text);
    const plain = (await c.diagnostics((p) => p.uri === URI && p.version === 1)).diagnostics;
    assert.ok(plain.find((d) => d.code === 'outline-sequence'), 'the finding itself is sent');
    assert.ok(plain.every((d) => d.relatedInformation === undefined));
  });

  it('keeps the most severe findings within gongwen.maxProblems, in document order, and all of them at 0', async () => {
    // Four cliché hints, a repeated phrase (information) and an outline error on the last line.
    const text = ['坚定不移地推进改革，摆在突出位置。', '见到实效，摆在突出位置。', '一、总体要求', '三、主要任务'].join('\n');
    const shown = (p: { diagnostics: Diag[] }) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
    c.settings = { maxProblems: 3 };
    await c.initialize();
    await c.open(text);
    // The error and the information fit; of the hints, only the first in the document does.
    assert.deepEqual(shown(await c.diagnostics((p) => p.uri === URI)), ['0:0 cliche', '1:5 repeat-nearby', '3:0 outline-sequence']);
    const mark = c.published.length;
    c.settings = { maxProblems: 0 };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(shown(await c.diagnostics((p) => p.uri === URI, mark)), ['0:0 cliche', '0:10 cliche', '1:0 cliche', '1:5 cliche', '1:5 repeat-nearby', '3:0 outline-sequence']);
  });

  it('offers the next outline markers at （, also in a document over gongwen.maxFileSize (checked on save only)', async () => {
    const body = '坚持稳中求进，推动各项工作落实。'.repeat(40);
    const text = ['一、总体要求', '（一）指导思想', body, '（', body].join('\n');
    const labels = async (uri: string) =>
      ((await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 1 } })) as { label: string }[]).map((i) => i.label);
    c.settings = { maxFileSize: 1 }; // KB: the text below is ~4 KB
    await c.initialize();
    const large = 'file:///gongwen-test/large.txt';
    await c.open(text, large);
    await c.diagnostics((p) => p.uri === large);
    assert.deepEqual(await labels(large), ['（二）', '1.', '二、']);
    c.settings = {};
    await c.open(text);
    await c.diagnostics((p) => p.uri === URI);
    assert.deepEqual(await labels(URI), ['（二）', '1.', '二、']);
  });

  it('highlights a phrase family in a document checked on save only, until it is edited', async () => {
    const body = '坚持稳中求进，推动各项工作落实。'.repeat(40);
    const text = [`领导高度重视。${body}`, `各部门高度重视。${body}`, '基层也高度重视。'].join('\n');
    const lit = async () =>
      ((await c.conn.sendRequest('textDocument/documentHighlight', { textDocument: { uri: URI }, position: { line: 2, character: 4 } })) as { range: Diag['range'] }[] | null)?.map((h) => [h.range.start.line, h.range.start.character]);
    const modes: string[] = [];
    c.conn.onNotification('gongwen/status', (p: { mode: string }) => void modes.push(p.mode));
    c.settings = { maxFileSize: 1 }; // KB: the text below is ~4 KB
    await c.initialize();
    await c.open(text);
    await c.diagnostics((p) => p.uri === URI);
    assert.deepEqual(modes, ['onSave']);
    assert.deepEqual(await lit(), [[0, 2], [1, 3], [2, 3]]);
    // Edited and not saved: its places are no longer those of the last check.
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '　　' }],
    });
    assert.equal(await lit(), undefined);
  });

  it('answers document symbols and folding ranges from the outline', async () => {
    await c.initialize();
    await c.open(TEXT);
    const symbols = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as { name: string; children: { name: string }[] }[];
    const outline = symbols.filter((s) => /^[一二三]、/.test(s.name));
    assert.deepEqual(outline.map((s) => s.name), ['一、总体要求', '二、主要任务']);
    assert.deepEqual(outline[0].children.map((s) => s.name), ['（一）指导思想', '（三）工作目标']);
    const folds = (await c.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } })) as { startLine: number; endLine: number }[];
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 2], [3, 4]]);
  });

  it('offers a quick fix whose edit changes only the marker, and a fix-all source action', async () => {
    await c.initialize();
    await c.open(TEXT);
    const pub = await c.diagnostics((p) => p.uri === URI && p.version === 1);
    const d = pub.diagnostics.find((x) => x.code === 'outline-sequence')!;
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] },
    })) as { title: string; kind: string; isPreferred?: boolean; edit: { changes: Record<string, TextEdit[]> } }[];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred)!;
    assert.ok(fix, 'a preferred quick fix');
    assert.deepEqual(fix.edit.changes[URI], [{ range: { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } }, newText: '二' }]);
    const all = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [], only: ['source.fixAll.gongwen'] },
    })) as { kind: string; edit: { changes: Record<string, TextEdit[]> } }[];
    assert.equal(all.length, 1);
    const texts = all[0].edit.changes[URI].map((e) => e.newText);
    assert.ok(texts.includes('二') && texts.includes('三是'), `fix-all edits: ${texts.join(' ')}`);
  });

  it('sends an overused cliché as one diagnostic, with one explanation in the hover and the hint\'s fixes', async () => {
    await c.initialize();
    // The third 精心部署 is both a cliche hint and a cliche-overused warning, over the same characters; the
    // hint's fix deletes 精心.
    await c.open('我们精心部署。\n各部门精心部署。\n全市上下精心部署。');
    const pub = await c.diagnostics((p) => p.uri === URI && p.version === 1);
    const cliches = (p: { diagnostics: Diag[] }) => p.diagnostics.filter((d) => d.code.startsWith('cliche')).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
    assert.deepEqual(cliches(pub), ['0:2 cliche', '1:3 cliche', '2:4 cliche-overused']);
    const here = pub.diagnostics.filter((d) => d.range.start.line === 2 && d.code.startsWith('cliche'));
    const hover = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 5 } })) as { contents: { value: string } };
    const explanations = hover.contents.value.split('**套话').length - 1;
    assert.equal(explanations, 1, hover.contents.value);
    assert.match(hover.contents.value, /删去“精心”/);
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: here[0].range,
      context: { diagnostics: here },
    })) as { title: string; command?: { command: string }; edit?: { changes: Record<string, TextEdit[]> } }[];
    const titles = actions.map((a) => a.title);
    const del = actions.find((a) => a.title === '删去“精心”');
    assert.deepEqual(del?.edit?.changes[URI], [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } }, newText: '' }], titles.join(' | '));
    assert.equal(actions.filter((a) => a.command?.command === 'gongwen.showAdvice').length, 1, titles.join(' | '));
    assert.equal(titles.filter((t) => t === '在本文档中不再提示“精心部署”').length, 1, titles.join(' | '));
    assert.ok(titles.includes('在此行忽略 cliche-overused'), titles.join(' | '));
    assert.equal(new Set(titles).size, titles.length, titles.join(' | '));
    // With the overuse warning off, the hint is sent where it stands.
    const mark = c.published.length;
    c.settings = { severity: { 'cliche-overused': 'off' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await c.diagnostics((p) => p.uri === URI, mark);
    assert.deepEqual(cliches(after), ['0:2 cliche', '1:3 cliche', '2:4 cliche']);
  });

  it('renumbers the document through workspace/executeCommand and workspace/applyEdit', async () => {
    await c.initialize();
    await c.open(TEXT);
    await c.diagnostics((p) => p.uri === URI && p.version === 1);
    const r = (await c.conn.sendRequest('workspace/executeCommand', { command: 'gongwen.renumberOutline', arguments: [URI] })) as { applied: boolean };
    assert.equal(r.applied, true);
    const edit = c.applied[0] as { edit: { documentChanges: { textDocument: { uri: string; version: number }; edits: TextEdit[] }[] } };
    const change = edit.edit.documentChanges[0];
    assert.equal(change.textDocument.version, 1);
    // Numbers follow the structure; a series is written in the form its first item uses (三要 → 三是).
    assert.deepEqual(change.edits.map((e) => [e.range.start.line, e.newText]), [[2, '二'], [4, '三是']]);
  });

  it('speaks English when the client asks for it', async () => {
    await c.initialize({ locale: 'en' });
    await c.open('一、甲\n三、乙');
    const pub = await c.diagnostics((p) => p.uri === URI && p.version === 1);
    assert.match(pub.diagnostics.find((d) => d.code === 'outline-sequence')!.message, /Outline numbering/);
  });

  it('survives binary junk, an unclosed bracket and a large document', async () => {
    await c.initialize();
    let junk = '';
    for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 65536);
    await c.open(junk, 'file:///gongwen-test/junk.txt');
    await c.diagnostics((p) => p.uri === 'file:///gongwen-test/junk.txt');
    await c.open('一、甲\n（二', 'file:///gongwen-test/open.txt');
    const open = await c.diagnostics((p) => p.uri === 'file:///gongwen-test/open.txt');
    assert.ok(!open.diagnostics.some((d) => d.code.startsWith('outline')));
    const big = ('一、总体要求\n（一）目标。' + '各项工作落实落细。'.repeat(30) + '\n').repeat(2000);
    await c.open(big, 'file:///gongwen-test/big.txt');
    await c.diagnostics((p) => p.uri === 'file:///gongwen-test/big.txt');
    const symbols = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///gongwen-test/big.txt' } })) as unknown[];
    assert.ok(symbols.length >= 2000);
  });
});
