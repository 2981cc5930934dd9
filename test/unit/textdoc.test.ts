// PieceTextDocument (the server's open documents) must answer exactly as the library's TextDocument made
// from the same text after the same changes: random insertions, deletions and replacements with \n, \r\n and lone \r line breaks,
// positions past the ends, reversed ranges and full changes.
import * as assert from 'node:assert';
import { Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceTextDocument, PieceTextDocuments } from '../../server/src/textdoc';
import { Generator, loadGenerator } from './helpers';

const BITS = ['a', '公文', '\n', '\r\n', '\r', '一、', 'xyz', '\n\n', '（一）', '\r\r\n'];

function randomText(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += BITS[Math.floor(rnd() * BITS.length)];
  return s;
}

function same(p: PieceTextDocument, t: TextDocument, what: string): void {
  const text = t.getText();
  assert.strictEqual(p.length, text.length, `${what}: length`);
  assert.strictEqual(p.getText(), text, `${what}: text`);
  assert.strictEqual(p.lineCount, t.lineCount, `${what}: lineCount`);
  for (let o = -1; o <= text.length + 1; o++) assert.deepStrictEqual(p.positionAt(o), t.positionAt(o), `${what}: positionAt(${o})`);
  for (let line = -1; line <= t.lineCount + 1; line++) {
    assert.deepStrictEqual(p.getLineRange(line), t.getLineRange(line), `${what}: getLineRange(${line})`);
    assert.strictEqual(p.getEOLCharacters(line), t.getEOLCharacters(line), `${what}: getEOLCharacters(${line})`);
    for (let c = -1; c < 8; c++) assert.strictEqual(p.offsetAt({ line, character: c }), t.offsetAt({ line, character: c }), `${what}: offsetAt(${line}:${c})`);
  }
}

function randomRange(rnd: () => number, t: TextDocument): Range {
  const pos = () => {
    // Mostly inside the text, sometimes past its last line or character, or inside a \r\n pair.
    const line = Math.floor(rnd() * (t.lineCount + 1));
    return { line, character: Math.floor(rnd() * 6) };
  };
  return { start: pos(), end: pos() }; // reversed ranges too
}

describe('PieceTextDocument', () => {
  let prng: Generator['prng'];
  before(async () => {
    prng = (await loadGenerator()).prng;
  });

  it('answers as the library TextDocument after random incremental changes', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = prng(seed);
      const initial = randomText(rnd, 20);
      let t = TextDocument.create('file:///x.txt', 'plaintext', 1, initial);
      const p = PieceTextDocuments.create('file:///x.txt', 'plaintext', 1, initial);
      same(p, t, `seed ${seed} open`);
      for (let v = 2; v < 60; v++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const n = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < n; k++) {
          if (rnd() < 0.03) changes.push({ text: randomText(rnd, 10) });
          else {
            // Typing (one character), deleting, pasting.
            const kind = rnd();
            const text = kind < 0.4 ? BITS[Math.floor(rnd() * BITS.length)].slice(0, 1) : kind < 0.6 ? '' : randomText(rnd, 3);
            changes.push({ range: randomRange(rnd, t), text });
          }
        }
        // The library's own update can leave its line offsets wrong after a range past the last line; the
        // reference is the library's document made afresh from the text after each change.
        for (const c of changes) t = TextDocument.create(t.uri, t.languageId, v, TextDocument.update(t, [c], v).getText());
        PieceTextDocuments.update(p, changes, v);
        assert.strictEqual(p.version, v);
        // Some versions are read only now and then (a document checked on save only is not read while typing).
        if (rnd() < 0.3 || v === 59) same(p, t, `seed ${seed} v${v} ${JSON.stringify(changes)}`);
      }
    }
  });

  it('answers as the library after 2000 characters typed one at a time (pieces merged and joined)', () => {
    const base = 'x'.repeat(1000) + '\n' + '公'.repeat(1000);
    const p = new PieceTextDocument('file:///y.txt', 'plaintext', 1, base);
    let t = TextDocument.create('file:///y.txt', 'plaintext', 1, base);
    for (let i = 0; i < 2000; i++) {
      const at = { line: 1, character: 10 + i };
      const change = { range: { start: at, end: at }, text: String(i % 10) };
      p.update([change], i + 2);
      t = TextDocument.update(t, [change], i + 2);
      assert.deepStrictEqual(p.positionAt(1500 + i), t.positionAt(1500 + i));
    }
    assert.strictEqual(p.length, t.getText().length);
    assert.strictEqual(p.getText(), t.getText());
  });
});
