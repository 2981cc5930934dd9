// The cliché automaton compiled ahead of time (AhoCorasick.tables(), dist/cliches.ac): taken back, it finds what
// the automaton built from the dictionary finds; tables made from other phrases are never used.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AhoCorasick } from '../../server/src/core/cliche/automaton';
import { BUILTIN, ClicheMatcher, compileBuiltinAutomaton, expandPattern, resetClicheMatcher, usePrecompiledAutomaton } from '../../server/src/core/cliche/dictionary';
import { ROOT, seedText } from './helpers';

/** The phrases a default ClicheMatcher builds its automaton from, in its order. */
function builtinPhrases(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of BUILTIN) for (const p of expandPattern(e.phrase)) if (!seen.has(p)) (seen.add(p), out.push(p));
  return out;
}

/** Text holding every phrase, some overlapping, with the seed and the example around them. */
function sampleText(phrases: string[]): string {
  const parts = [fs.readFileSync(path.join(ROOT, 'examples', 'speech.txt'), 'utf8'), seedText() ?? ''];
  for (let i = 0; i < phrases.length; i++) parts.push(phrases[i] + (i % 3 ? '，' : '') + phrases[(i * 7) % phrases.length].slice(1));
  return parts.join('\n');
}

function hits(ac: AhoCorasick, text: string): number[] {
  const n = ac.collect(text);
  return Array.from(ac.hits.subarray(0, 3 * n));
}

/** Whether the automaton took the tables as they are (their arrays are views of the tables). */
const adopted = (ac: AhoCorasick, tables: Int32Array) => (ac as unknown as { root: Int32Array }).root.buffer === tables.buffer;

describe('precompiled cliché automaton', () => {
  afterEach(() => {
    usePrecompiledAutomaton(undefined);
    resetClicheMatcher();
  });

  it('tables taken back find exactly what the built automaton finds', () => {
    const phrases = builtinPhrases();
    const tables = compileBuiltinAutomaton();
    const built = new AhoCorasick(phrases);
    const loaded = new AhoCorasick(phrases, tables);
    assert.ok(adopted(loaded, tables));
    assert.equal(loaded.stateCount, built.stateCount);
    assert.deepStrictEqual(loaded.tables(), built.tables());
    const text = sampleText(phrases);
    const expected = hits(built, text);
    assert.ok(expected.length > 3 * phrases.length);
    assert.deepStrictEqual(hits(loaded, text), expected);
  });

  it('tables of other phrases, another order or a damaged copy are not used', () => {
    const phrases = builtinPhrases();
    const tables = compileBuiltinAutomaton();
    const variants: [string[], Int32Array][] = [
      [[...phrases, '新增的说法'], tables],
      [phrases.slice(1), tables],
      [[phrases[1], phrases[0], ...phrases.slice(2)], tables],
      [phrases.map((p, i) => (i === 100 ? p + '了' : p)), tables],
      [phrases, tables.slice(0, -1)],
      [phrases, Object.assign(tables.slice(), { 0: 0 })],
    ];
    const text = sampleText(phrases);
    for (const [list, t] of variants) {
      const ac = new AhoCorasick(list, t);
      assert.ok(!adopted(ac, t));
      assert.deepStrictEqual(hits(ac, text), hits(new AhoCorasick(list), text));
    }
  });

  it('a matcher uses the precompiled tables for the built-in dictionary only; extras and allow lists build their own', () => {
    usePrecompiledAutomaton(compileBuiltinAutomaton());
    const text = sampleText(builtinPhrases()) + '\n我们要加大力度推进这项新说法。';
    const plain = new ClicheMatcher();
    const extra = new ClicheMatcher([{ phrase: '这项新说法', category: '空泛判断', why: '测试。', advice: '测试。' }], ['高度重视']);
    usePrecompiledAutomaton(undefined);
    const lines = text.split('\n');
    const strip = (ms: readonly { start: number; end: number; text: string; pattern: number }[]) => ms.map((m) => [m.start, m.end, m.text, m.pattern]);
    const plainBuilt = new ClicheMatcher();
    const extraBuilt = new ClicheMatcher([{ phrase: '这项新说法', category: '空泛判断', why: '测试。', advice: '测试。' }], ['高度重视']);
    for (const l of lines) {
      assert.deepStrictEqual(strip(plain.find(l)), strip(plainBuilt.find(l)));
      assert.deepStrictEqual(strip(extra.find(l)), strip(extraBuilt.find(l)));
    }
    assert.ok(extra.find('这项新说法').length === 1 && extra.find('高度重视').length === 0);
  });

  it('dist/cliches.ac, when built, is the automaton of server/data/cliches.json as it is now', function () {
    const file = path.join(ROOT, 'dist', 'cliches.ac');
    if (!fs.existsSync(file)) this.skip();
    const buf = fs.readFileSync(file);
    const onDisk = new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    assert.deepStrictEqual(onDisk, compileBuiltinAutomaton());
    assert.ok(adopted(new AhoCorasick(builtinPhrases(), onDisk), onDisk));
  });

  it('collect() reports what a brute-force search reports, in order of their end, over any range', () => {
    let x = 12345;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const alphabet = ['一', '二', '三', '四', 'a', '\uffff', '\u0000'];
    const word = (max: number) => Array.from({ length: 1 + rnd(max) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const patterns = Array.from({ length: 1 + rnd(12) }, () => word(5));
      const text = word(80);
      const from = rnd(text.length + 1);
      const to = from + rnd(text.length - from + 1);
      const ac = new AhoCorasick(patterns);
      const n = ac.collect(text, from, to);
      const got = Array.from(ac.hits.subarray(0, 3 * n));
      // Brute force: every (start, end, first index of that phrase), by end, then longer first (the failure chain's order).
      const brute: [number, number, number][] = [];
      patterns.forEach((p, i) => {
        if (patterns.indexOf(p) !== i) return;
        for (let at = from; at + p.length <= to; at++) if (text.startsWith(p, at)) brute.push([at, at + p.length, i]);
      });
      brute.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      assert.deepStrictEqual(got, brute.flat(), JSON.stringify({ patterns, text, from, to }));
    }
  });
});

