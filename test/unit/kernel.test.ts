// The WebAssembly kernel (server/src/core/kernel.wat) against its JavaScript twins in rules/repeat.ts: the same
// swept text, doubled-word offsets, repeated pairs, phrase counts and quarters, on the seed, a generated draft
// and random text; and the same findings from a one-shot check with and without it.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { checkText, GwDocument } from '../../server/src/core';
import { AhoCorasick } from '../../server/src/core/cliche/automaton';
import { getClicheMatcher } from '../../server/src/core/cliche/dictionary';
import { setLineCaching } from '../../server/src/core/cache';
import { getKernel, Kernel, KERNEL_MIN_UNITS, kernelUse, useKernel } from '../../server/src/core/kernel';
import { PhraseDict, sweepCompiled, sweepJs } from '../../server/src/core/rules/repeat';
import { loadGenerator, ROOT, seedText } from './helpers';

const PAD = 8;

/** The text as rules/repeat.ts scans it: UTF-16 code units and PAD zeros after them. */
function codesOf(text: string): Uint16Array {
  const codes = new Uint16Array(text.length + PAD);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

interface Swept {
  codes: number[];
  doubles: number[];
  pairs: number[] | undefined;
}

function sweepBoth(k: Kernel, text: string, window: number, withPairs: boolean): { js: Swept; wasm: Swept } {
  const run = (f: typeof sweepJs): Swept => {
    const codes = codesOf(text);
    const doubles: number[] = [];
    const pairs = withPairs ? [] : undefined;
    f(codes, text.length, window, pairs, doubles);
    return { codes: [...codes], doubles, pairs };
  };
  return { js: run(sweepJs), wasm: run((...a) => sweepCompiled(k, ...a)) };
}

/** count over codes[from, to) of a swept text, by the JavaScript or the kernel, for the phrases given. */
function countBoth(k: Kernel, text: string, phrases: string[], from = 0, to = text.length): { js: number[][]; wasm: number[][] } {
  const dict = new PhraseDict();
  for (const p of phrases) dict.gramsOf(dict.id(p));
  const codes = codesOf(text);
  sweepJs(codes, text.length, 4, undefined, []);
  const run = (compiled: boolean) => {
    const count = new Int32Array(dict.size);
    const quarters = new Uint8Array(dict.size);
    if (compiled) dict.countCompiled(k, codes, from, to, 0, text.length, count, quarters);
    else dict.countJs(codes, from, to, 0, text.length, count, quarters);
    return [[...count], [...quarters]];
  };
  return { js: run(false), wasm: run(true) };
}

/** Runs of 4 to 8 Han characters taken from the text every `step` characters: phrases it holds. */
function phrasesIn(text: string, step: number): string[] {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i += step) {
    const m = /^[\u4e00-\u9fff]{4,8}/.exec(text.slice(i));
    if (m) out.add(m[0]);
  }
  return [...out];
}

/**
 * Random text where repeats, overlapping runs (哈哈哈哈哈), doubled words and phrases cut by a 0 (what rawCodes
 * blanks) are common: pieces drawn from a few words, punctuation, Latin, 〇, characters at the edges of the
 * Han blocks (CJK extension A, compatibility ideographs) and around them, and a surrogate pair.
 */
function randomText(maxPieces: number): fc.Arbitrary<string> {
  const pieces = ['天地人和', '天地', '人和', '天', '地', '哈哈', '〇', '\0', '，', 'a', ' ', '\n', '㐀', '\u4dbf', '豈', '\ufaff', '\u3006', '\u9fff', '\ud840\udc00'];
  return fc.array(fc.constantFrom(...pieces), { maxLength: maxPieces, size: 'max' }).map((a) => a.join(''));
}

describe('WebAssembly kernel', () => {
  let k: Kernel;
  let draft: string;
  before(async function () {
    useKernel(true);
    const got = getKernel();
    assert.ok(got, 'WebAssembly is available in Node 20');
    k = got;
    draft = (await loadGenerator()).generate(100 * 1024).text;
  });
  after(() => useKernel(false));

  it('is kernel.wat as scripts/wasm.mjs assembles it (run `npm run wasm` after editing kernel.wat)', async () => {
    const lib = await import(pathToFileURL(path.join(ROOT, 'scripts', 'wasm-lib.mjs')).href);
    const wat = fs.readFileSync(path.join(ROOT, 'server/src/core/kernel.wat'), 'utf8');
    const expected = lib.kernelModuleText(await lib.assembleKernel(wat));
    assert.strictEqual(fs.readFileSync(path.join(ROOT, 'server/src/core/kernel-wasm.ts'), 'utf8'), expected);
  });

  it('sweeps a generated draft and the seed as the JavaScript does', () => {
    const texts = [draft];
    const seed = seedText();
    if (seed) texts.push(seed.repeat(3));
    for (const text of texts) {
      for (const window of [4, 100, 1000, 1e12]) {
        const { js, wasm } = sweepBoth(k, text, window, true);
        assert.ok(js.doubles.length > 0, 'the text has doubled characters');
        if (window >= 100) assert.ok(js.pairs!.length > 0, 'the text has repeats');
        assert.deepStrictEqual(wasm, js, `window ${window}`);
      }
      const { js, wasm } = sweepBoth(k, text, 100, false);
      assert.deepStrictEqual(wasm, js, 'without pairs');
    }
  });

  it('sweeps random text as the JavaScript does', () => {
    fc.assert(
      fc.property(randomText(400), fc.constantFrom(4, 7, 20, 100), fc.boolean(), (text, window, withPairs) => {
        const { js, wasm } = sweepBoth(k, text, window, withPairs);
        assert.deepStrictEqual(wasm, js);
      }),
      { numRuns: 500 },
    );
  });

  it('counts phrases and their quarters in a generated draft as the JavaScript does', () => {
    const phrases = phrasesIn(draft, 97);
    assert.ok(phrases.length > 100);
    const { js, wasm } = countBoth(k, draft, phrases);
    assert.ok(js[0].filter((n) => n >= 4).length > 10, 'some phrases occur 4 times or more');
    assert.ok(js[1].some((q) => q === 15), 'some occur in every quarter');
    assert.deepStrictEqual(wasm, js);
  });

  it('counts phrases in random text as the JavaScript does, also over part of it', () => {
    const phrase = fc.array(fc.constantFrom('天', '地', '人', '和', '哈'), { minLength: 4, maxLength: 7 }).map((a) => a.join(''));
    fc.assert(
      fc.property(randomText(300), fc.array(phrase, { minLength: 1, maxLength: 12, size: 'max' }), fc.nat(), fc.nat(), (text, phrases, a, b) => {
        const from = text.length ? a % text.length : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        const { js, wasm } = countBoth(k, text, phrases, from, to);
        assert.deepStrictEqual(wasm, js);
      }),
      { numRuns: 500 },
    );
  });

  it('finds the clichés of every line of a document in one scan as line by line', () => {
    const matcher = getClicheMatcher([], []);
    const seed = seedText() ?? '';
    // Plain text with CRLF and lone CR line breaks and a BOM; Markdown whose code, comments and link targets
    // are not prose (the kernel reads each line's prose, not its text); a gongwen-disable comment.
    const plain = '\ufeff' + draft.replace(/\n/g, (_, i: number) => (i % 7 === 0 ? '\r\n' : i % 11 === 0 ? '\r' : '\n')) + '\n' + seed;
    const markdown =
      '# 关于进一步加强工作的报告\n\n`高度重视`要见到实效，<!-- 高度重视 -->[高度重视](高度重视.md)\n\n```\n进一步加强\n```\n' +
      '<!-- gongwen-disable-next-line cliche -->\n高度重视，狠抓落实。\n' + draft;
    for (const [text, format] of [[plain, 'plaintext'], [markdown, 'markdown']] as const) {
      assert.ok(text.length >= KERNEL_MIN_UNITS);
      const lines = new GwDocument(text, format).lines;
      assert.ok(lines.some((l) => l.prose !== l.text), `${format}: some line's prose is not its text`);
      const whole = matcher.findInLines(text, lines);
      assert.ok(whole, 'the kernel took the text');
      const byLine = lines.map((l) => (l.blank ? undefined : matcher.find(l.prose)));
      assert.ok(byLine.filter((m) => m && m.length).length > 100);
      assert.deepStrictEqual(whole, byLine, format);
    }
  });

  it('finds in random lines what collect() finds line by line, and leaves a pattern with a line break to it', () => {
    const patterns = ['高度重视', '重视', '高度', '进一步加强', '加强', '一步', '狠抓落实', '抓落实', '落实落实'];
    const ac = new AhoCorasick(patterns);
    const piece = fc.constantFrom('高度', '重视', '进一步', '加强', '狠抓', '落实', '，', 'a', '\n', '\r\n', '\r');
    // Long enough for the kernel, and a filler line to reach its minimum.
    const filler = '。'.repeat(KERNEL_MIN_UNITS);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300, size: 'max' }), (parts) => {
        const text = parts.join('') + '\n' + filler;
        const lines = new GwDocument(text).lines;
        const got = ac.collectCompiled(k, text, lines);
        assert.ok(got);
        const expected: number[] = [];
        for (const l of lines) {
          const n = ac.collect(l.prose);
          for (let i = 0; i < 3 * n; i += 3) expected.push(ac.hits[i] + l.start, ac.hits[i + 1] + l.start, ac.hits[i + 2]);
        }
        assert.deepStrictEqual([...got.hits], expected);
        assert.strictEqual(got.count, expected.length / 3);
      }),
      { numRuns: 200 },
    );
    const text = '甲\n乙' + filler;
    assert.strictEqual(new AhoCorasick(['甲\n乙', '丙']).collectCompiled(k, text, new GwDocument(text).lines), undefined);
  });

  it('leaves the text as it was and says so when its memory cannot grow, for the JavaScript to take over', () => {
    const refusing: Kernel = {
      ...k,
      memory: {
        buffer: new ArrayBuffer(0),
        grow: () => {
          throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
        },
      },
    };
    const text = '我们要加强队伍建设，今年还要继续加强队伍建设。的的';
    const codes = codesOf(text);
    const before = [...codes];
    const pairs: number[] = [];
    const doubles: number[] = [];
    assert.strictEqual(sweepCompiled(refusing, codes, text.length, 100, pairs, doubles), false);
    assert.deepStrictEqual([...codes], before);
    assert.deepStrictEqual([pairs, doubles], [[], []]);
    const dict = new PhraseDict();
    dict.id('加强队伍建设');
    const count = new Int32Array(1);
    const quarters = new Uint8Array(1);
    assert.strictEqual(dict.countCompiled(refusing, codes, 0, text.length, 0, text.length, count, quarters), false);
    assert.deepStrictEqual([count[0], quarters[0]], [0, 0]);
  });

  it('gives a one-shot check of a long draft the same findings as the JavaScript', () => {
    const text = draft + '\n' + (seedText() ?? '');
    setLineCaching(false); // as gongwen-lint checks
    try {
      const before = kernelUse.handedOut;
      const withKernel = checkText(text).findings;
      // The clichés scanned; swept (the doubled words and the pairs of repeated phrases), then counted: the
      // count runs only for candidate repeats, so the kernel's pairs were used too.
      assert.strictEqual(kernelUse.handedOut - before, 3, 'the check scanned, swept and counted with the kernel');
      assert.ok(withKernel.some((f) => f.code === 'cliche') && withKernel.some((f) => f.code === 'cliche-overused'));
      assert.ok(withKernel.some((f) => f.code === 'repeat-successive'));
      useKernel(false);
      const withoutKernel = checkText(text).findings;
      assert.deepStrictEqual(withKernel, withoutKernel);
    } finally {
      useKernel(true);
      setLineCaching(true);
    }
  });
});
