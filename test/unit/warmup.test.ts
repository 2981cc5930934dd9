// The server types into a private copy of the first long document opened, to compile the typing path before
// the writer types (server/src/warmup.ts). The copy must be typed into as a writer would (one character at a
// time, in prose, with backspace), and what it is checked with must give the findings of a fresh check.
import * as assert from 'node:assert';
import { checkDocument, GwDocument } from '../../server/src/core';
import { forgetDocument } from '../../server/src/core/check';
import { typingWarmUp, WARM_KEYSTROKES, WARM_MIN_LENGTH } from '../../server/src/warmup';
import { loadGenerator } from './helpers';

const URI = 'test:/warm-up';

/** Runs every step of a warm-up on `text`; the models it checked, in order. */
function runAll(text: string, keystrokes?: number): GwDocument[] {
  const docs: GwDocument[] = [];
  const step = typingWarmUp(text, 'plaintext', URI, (d) => docs.push(d), keystrokes);
  let guard = 0;
  while (step()) assert.ok(++guard < 1000, 'the warm-up ends');
  forgetDocument(URI);
  return docs;
}

/** Where two texts differ by one character inserted or removed: [offset, the character, +1 or -1]. */
function oneCharApart(a: string, b: string): [number, string, number] {
  assert.equal(Math.abs(a.length - b.length), 1, 'one character typed or deleted');
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  assert.equal(long.slice(i + 1), short.slice(i), 'the rest unchanged');
  return [i, long[i], b.length > a.length ? 1 : -1];
}

describe('typing warm-up (warmup.ts)', () => {
  it('a document shorter than the threshold: no step checks anything', () => {
    const unit = '一、总体要求\n　　各项工作稳步推进，取得明显成效。\n';
    const text = unit.repeat(Math.floor((WARM_MIN_LENGTH - 1) / unit.length));
    assert.ok(text.length < WARM_MIN_LENGTH);
    assert.deepEqual(runAll(text), []);
  });

  it('types into a prose line of a long draft one character at a time, with backspaces, and stops', async () => {
    const gen = await loadGenerator();
    const { text } = gen.generate(60 * 1024, 7);
    assert.ok(text.length >= WARM_MIN_LENGTH);
    const docs = runAll(text);
    assert.equal(docs.length, 1 + WARM_KEYSTROKES, 'the whole copy first, then one model per keystroke');
    assert.equal(docs[0].text, text, 'a document under the window is copied whole');
    let at = -1;
    const moves: number[] = [];
    for (let k = 1; k < docs.length; k++) {
      const [offset, ch, move] = oneCharApart(docs[k - 1].text, docs[k].text);
      moves.push(move);
      if (move > 0) assert.ok(!/\s/.test(ch), 'what is typed is text');
      // In one place: each keystroke just after what was typed before it.
      if (at < 0) at = offset;
      assert.ok(offset >= at && offset <= at + WARM_KEYSTROKES, `keystroke ${k} at ${offset}, typing began at ${at}`);
    }
    assert.ok(moves.includes(-1) && moves.includes(1), 'types and deletes');
    // The line typed into is prose at the middle of the draft or after it, not a numbered heading.
    const line = docs[0].lines.find((l) => l.start + l.text.length === at)!;
    assert.ok(line, 'typed at the end of a line');
    assert.ok(line.index >= docs[0].lines.length >> 1);
    assert.equal(docs[0].lineMarkers[line.index], undefined);
    assert.ok(line.prose.trim().length >= 20);
  });

  it('a draft whose every paragraph is a numbered item: typed into at the end of an item', () => {
    const text = ('（一）目标。' + '各项工作落实落细，坚定不移地推进改革。'.repeat(3) + '\n').repeat(400);
    const docs = runAll(text, 4);
    assert.equal(docs.length, 5);
    const [offset] = oneCharApart(docs[0].text, docs[1].text);
    const line = docs[0].lines.find((l) => l.start + l.text.length === offset)!;
    assert.ok(line && docs[0].lineMarkers[line.index], 'typed at the end of a numbered item');
  });

  it('no line of 20 characters of prose: only the first step, which checks the copy', () => {
    const text = '一、总体要求\n　　抓好落实。\n'.repeat(2000);
    assert.ok(text.length >= WARM_MIN_LENGTH);
    assert.equal(runAll(text).length, 1);
  });

  it('the models typed into give the findings a fresh check of the same text gives', async () => {
    const gen = await loadGenerator();
    const { text } = gen.generate(80 * 1024, 11);
    const brief = (d: GwDocument) => checkDocument(d).map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.character} ${f.code} ${f.message}`);
    const seen: { text: string; found: string[] }[] = [];
    const step = typingWarmUp(text, 'plaintext', URI, (d) => seen.push({ text: d.text, found: brief(d) }), 12);
    while (step());
    forgetDocument(URI);
    assert.equal(seen.length, 13);
    for (let k = 0; k < seen.length; k++) assert.deepEqual(seen[k].found, brief(new GwDocument(seen[k].text, 'plaintext')), `keystroke ${k}`);
  });

  it('a long document is copied as whole lines around its middle, the window and at most a line either side', async () => {
    const gen = await loadGenerator();
    const { text } = gen.generate(400 * 1024, 3);
    assert.ok(text.length > 110_000);
    const docs = runAll(text, 1);
    const copy = docs[0].text;
    const longest = Math.max(...text.split('\n').map((l) => l.length));
    assert.ok(copy.length >= 100_000 - 1 && copy.length <= 100_000 + 2 * longest, `copy of ${copy.length}`);
    const from = text.indexOf(copy);
    assert.ok(from > 0, 'a contiguous part of the text');
    assert.equal(text[from - 1], '\n', 'starts at a line start');
    assert.equal(text[from + copy.length], '\n', 'ends at a line end');
    const mid = text.length >> 1;
    assert.ok(from < mid && from + copy.length > mid, 'around the middle');
  });
});
