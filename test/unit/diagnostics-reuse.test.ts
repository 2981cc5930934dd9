// The server reuses the Diagnostic objects of the last analysis for findings that say the same, and encodes
// each Diagnostic to JSON once (server/src/convert.ts). After any edit the list must be exactly what a fresh
// conversion gives, and the framed message exactly what JSON.stringify gives: this test edits a generated 公文
// at random, with and without line breaks, and compares.
import * as assert from 'node:assert';
import { checkDocument, GwDocument } from '../../server/src/core';
import { editorFindings, frameMessage, frameWritten, toDiagnostic, toDiagnostics } from '../../server/src/convert';
import { Generator, loadGenerator } from './helpers';

const URI = 'file:///draft.txt';

function body(frame: Buffer): string {
  const at = frame.indexOf('\r\n\r\n');
  const header = frame.subarray(0, at).toString('ascii');
  assert.strictEqual(header, `Content-Length: ${frame.length - at - 4}`);
  return frame.subarray(at + 4).toString('utf8');
}

describe('diagnostics reused across analyses', () => {
  let gen: Generator;
  before(async () => {
    gen = await loadGenerator();
  });

  it('equal, after every one of 40 random edits, a fresh conversion, and encode to the same JSON', function () {
    this.timeout(120000);
    const { phrases } = gen.loadCliches();
    let text = gen.generate(30 * 1024, 5, phrases).text;
    const r = gen.prng(3);
    let doc = new GwDocument(text, 'plaintext', URI);
    let previous = toDiagnostics(checkDocument(doc), URI);
    // Sent once: every Diagnostic now has its JSON cached.
    body(frameMessage({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: URI, version: 1, diagnostics: previous } }));
    let reused = 0;
    for (let i = 0; i < 40; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const roll = r();
      if (roll < 0.4) text = text.slice(0, at) + '根据' + text.slice(at);
      else if (roll < 0.6) text = text.slice(0, at) + phrases[Math.floor(r() * phrases.length)] + text.slice(at);
      else if (roll < 0.75) text = text.slice(0, at) + ['\n', '\n（二）', '\n2.', '一是'][Math.floor(r() * 4)] + text.slice(at);
      else text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 30)));
      doc = new GwDocument(text, 'plaintext', URI, doc);
      const findings = checkDocument(doc);
      const now = toDiagnostics(findings, URI, previous);
      const fresh = findings.map((f) => toDiagnostic(f, URI));
      assert.deepStrictEqual(now, fresh, `edit ${i}`);
      const old = new Set(previous);
      reused += now.filter((d) => old.has(d)).length;
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: URI, version: i + 2, diagnostics: now } };
      assert.strictEqual(body(frameMessage(msg)), JSON.stringify(msg), `edit ${i}`);
      previous = now;
    }
    assert.ok(reused > 0, 'some diagnostics are reused');
  });

  it('writes a large frame into the memory of one already written, never of one still being written', () => {
    const { phrases } = gen.loadCliches();
    const doc = new GwDocument(gen.generate(100 * 1024, 5, phrases).text, 'plaintext', URI);
    const list = toDiagnostics(checkDocument(doc), URI);
    const msg = (version: number, n: number) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: URI, version, diagnostics: list.slice(0, n) } });
    const m1 = msg(1, list.length);
    const a = frameMessage(m1);
    assert.ok(a.length >= 64 * 1024, `a frame large enough to be reused (${a.length} bytes)`);
    // In flight: the next frame has memory of its own, and the first one keeps its bytes.
    const m2 = msg(2, list.length - 1);
    const b = frameMessage(m2);
    assert.notStrictEqual(b.buffer, a.buffer);
    assert.strictEqual(body(a), JSON.stringify(m1));
    // Written: the next frame that fits takes its memory, with its own bytes and length.
    frameWritten(a);
    const m3 = msg(3, list.length - 2);
    const c = frameMessage(m3);
    assert.strictEqual(c.buffer, a.buffer);
    assert.strictEqual(body(c), JSON.stringify(m3));
    // Taken: the one after that does not share it.
    assert.notStrictEqual(frameMessage(msg(4, list.length - 3)).buffer, c.buffer);
    // Small frames are never written over (Node's pool may still hold several side by side).
    const small = frameMessage(msg(5, 3));
    frameWritten(small);
    assert.strictEqual(body(frameMessage(msg(6, 3))), JSON.stringify(msg(6, 3)));
    assert.strictEqual(body(small), JSON.stringify(msg(5, 3)));
  });

  it('frames any other message as JSON.stringify does', () => {
    for (const msg of [
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: URI, diagnostics: [] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [], uri: URI, version: undefined } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: '检查 “一、” \u2028 done' } },
    ]) {
      assert.strictEqual(body(frameMessage(msg)), JSON.stringify(msg));
    }
  });
});

describe('what an editor is sent of the findings (editorFindings)', () => {
  const f = (code: string, line: number, start: number, end: number) => ({ code, severity: 'hint' as const, range: { start: { line, character: start }, end: { line, character: end } }, message: code });
  const shown = (list: ReturnType<typeof f>[]) => editorFindings(list).map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${x.code}`);

  it('leaves out a cliché hint only where an overused finding covers the same characters', () => {
    const list = [f('cliche', 0, 2, 6), f('cliche', 1, 0, 4), f('cliche', 1, 0, 6), f('cliche-overused', 1, 0, 6), f('cliche', 2, 1, 5), f('cliche-overused', 2, 1, 4), f('repeat-nearby', 2, 1, 5)];
    // (Line 1: two hints at one start, the overused finding after both; line 2: an overused finding that ends elsewhere.)
    assert.deepStrictEqual(shown(list), ['0:2-6 cliche', '1:0-4 cliche', '1:0-6 cliche-overused', '2:1-5 cliche', '2:1-4 cliche-overused', '2:1-5 repeat-nearby']);
    const none = [f('cliche', 0, 2, 6), f('cliche-overused', 1, 0, 6)];
    assert.strictEqual(editorFindings(none), none, 'the same list when nothing is left out');
  });

  it('matches what the core finds in a generated draft: every overused finding keeps its place, no hint under one', async () => {
    const gen = await loadGenerator();
    const doc = new GwDocument(gen.generate(30 * 1024, 5, gen.loadCliches().phrases).text, 'plaintext', URI);
    const all = checkDocument(doc);
    const sent = editorFindings(all);
    const key = (x: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`;
    const over = new Set(all.filter((x) => x.code === 'cliche-overused').map(key));
    assert.ok(over.size > 10, `overused phrases in the draft: ${over.size}`);
    assert.deepStrictEqual(sent, all.filter((x) => !(x.code === 'cliche' && over.has(key(x)))));
  });
});
