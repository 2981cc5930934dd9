// The cliche family reuses, while typing, what it built for the previous version of a document: each unchanged
// occurrence's range and fix, and each family's overuse findings when none of its occurrences changed. These
// tests compare the findings after edits with those of a cold analysis (nothing reused), where a stale reuse
// would show.
import * as assert from 'node:assert';
import { CheckOptions, familyOccurrences, GwDocument } from '../../server/src/core';
import { makeContext } from '../../server/src/core/check';
import { setLineCaching } from '../../server/src/core/cache';
import { getClicheMatcher, resetClicheMatcher } from '../../server/src/core/cliche/dictionary';
import { clicheRules, MAX_FINDINGS_PER_CODE, resetClicheState } from '../../server/src/core/rules/cliche';
import { Generator, loadGenerator } from './helpers';

const URI = 'file:///typing.txt';
/** The last version checked: the next model takes its unchanged lines over, as the language server's does. */
let last: GwDocument | undefined;
function run(text: string, options: Partial<CheckOptions> = {}): string {
  last = new GwDocument(text, 'plaintext', URI, last);
  return JSON.stringify(clicheRules.check(makeContext(last, options)));
}

/** The family's findings with nothing kept from before: a fresh matcher and no previous analysis. */
function cold(text: string, options: Partial<CheckOptions> = {}): string {
  resetClicheMatcher();
  resetClicheState();
  return JSON.stringify(clicheRules.check(makeContext(new GwDocument(text, 'plaintext', URI), options)));
}

describe('cliche: reuse across versions of a document', () => {
  let gen: Generator;
  before(async () => {
    gen = await loadGenerator();
  });
  afterEach(() => {
    setLineCaching(true);
    resetClicheMatcher();
    resetClicheState();
  });

  it('gives after each of 150 random edits the findings of a cold analysis, whatever the options', function () {
    this.timeout(120000);
    const { phrases } = gen.loadCliches();
    let text = gen.generate(30 * 1024, 5, phrases).text;
    const r = gen.prng(23);
    const optionSets: Partial<CheckOptions>[] = [{}, { locale: 'en' }, { overuseThreshold: 2 }, { allow: ['高度重视'] }];
    let options = optionSets[0];
    resetClicheMatcher();
    resetClicheState();
    run(text, options);
    let before = run(text, options);
    let changed = 0;
    for (let i = 0; i < 150; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const roll = r();
      if (roll < 0.35) text = text.slice(0, at) + '的要推进落实，'[Math.floor(r() * 7)] + text.slice(at);
      else if (roll < 0.6) text = text.slice(0, at) + phrases[Math.floor(r() * phrases.length)] + text.slice(at);
      else if (roll < 0.7) text = text.slice(0, at) + '\n' + text.slice(at);
      else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * (r() < 0.8 ? 4 : 60)));
      if (i % 40 === 39) options = optionSets[(i + 1) / 40];
      const warm = run(text, options); // the previous version's state is used
      const again = run(text, options); // and nothing changed since
      const fresh = cold(text, options);
      assert.strictEqual(warm, fresh, `edit ${i + 1}: the warm analysis differs from a cold one`);
      assert.strictEqual(again, fresh, `edit ${i + 1}: the unchanged re-analysis differs from a cold one`);
      // Warm the new matcher again for the next edit (cold() replaced it).
      run(text, options);
      if (warm !== before) changed++;
      before = warm;
    }
    // The edits must matter, or the comparison proves nothing.
    assert.ok(changed >= 100, `only ${changed} of 150 edits changed the findings`);
  });

  it('highlights from what the last check kept exactly what reading every line gives, and never a stale text', function () {
    this.timeout(60000);
    const { phrases } = gen.loadCliches();
    let text = gen.generate(30 * 1024, 7, phrases).text;
    // Each occurrence of the draft as (line, start, end), and a position past every phrase of a line.
    const spots = (doc: GwDocument) => doc.lines.flatMap((l) => getClicheMatcher().find(l.prose).map((m) => [l.index, m.start, m.end]));
    const read = (doc: GwDocument, line: number, ch: number) => {
      // What reading every line gives: the same model's lines under another URI, of which nothing is kept.
      const other = new GwDocument(doc.text, 'plaintext', 'file:///elsewhere.txt');
      return JSON.stringify(familyOccurrences(other, line, ch));
    };
    resetClicheState();
    run(text);
    const doc = last!;
    const all = spots(doc);
    assert.ok(all.length > 100, `occurrences in the draft: ${all.length}`);
    let compared = 0;
    for (let i = 0; i < all.length; i += 7) {
      const [line, start, end] = all[i];
      for (const ch of [start, end - 1, end]) {
        const kept = familyOccurrences(doc, line, ch);
        assert.strictEqual(JSON.stringify(kept), read(doc, line, ch), `line ${line}, column ${ch}`);
        compared++;
      }
      assert.strictEqual(familyOccurrences(doc, line, doc.lines[line].text.length + 1), undefined);
    }
    assert.ok(compared > 30);
    // Edited and not checked again: what was kept is of the old text, and is not used.
    const [line, start] = all[all.length >> 1];
    text = text.slice(0, doc.lines[line].start) + '各级' + text.slice(doc.lines[line].start);
    const edited = new GwDocument(text, 'plaintext', URI, doc);
    const got = familyOccurrences(edited, line, start + 2);
    assert.strictEqual(JSON.stringify(got), read(edited, line, start + 2));
    assert.ok(got?.some((r) => r.start.line === line && r.start.character === start + 2), 'the edited line as it is now');
  });

  it('recomputes a family whose occurrences are unchanged when the overuse cap cuts it differently', () => {
    // 高度重视 on the first lines, then 狠抓落实: the first family's findings leave the second fewer than all of
    // its own under the cap. Removing one 高度重视 (no line moves) gives the second family one more finding,
    // though none of its occurrences changed.
    const a = MAX_FINDINGS_PER_CODE - 500;
    const lines = [...Array.from({ length: a }, () => '领导高度重视。'), ...Array.from({ length: 1000 }, () => '各级狠抓落实。')];
    const text = lines.join('\n');
    const edited = ['领导重视。', ...lines.slice(1)].join('\n');
    resetClicheState();
    const count = (json: string) => (JSON.parse(json) as { code: string }[]).filter((f) => f.code === 'cliche-overused').length;
    const first = run(text);
    assert.strictEqual(count(first), MAX_FINDINGS_PER_CODE);
    const warm = run(edited);
    assert.strictEqual(warm, cold(edited));
    assert.strictEqual(count(warm), MAX_FINDINGS_PER_CODE);
    run(edited);
    assert.strictEqual(run(text), cold(text));
  });

  it('reads again the first and the last line when only they change', () => {
    resetClicheState();
    const middle = Array.from({ length: 20 }, (_, i) => `第${i}段高度重视。`).join('\n');
    const versions = [`领导高度重视。\n${middle}\n基层也高度重视。`, `领导狠抓落实。\n${middle}\n基层也高度重视。`, `领导狠抓落实。\n${middle}\n基层也狠抓落实。`, `领导狠抓落实。\n${middle}\n基层也狠抓落实，高度重视。`, `　　领导狠抓落实。\n${middle}\n基层也狠抓落实，高度重视。`];
    for (const v of versions) assert.strictEqual(run(v), cold(v), v);
  });

  it('gives on a one-shot run the findings of a kept analysis, past the cap too', () => {
    // A one-shot run makes the ranges of the occurrences past the shown hints only when an overused finding names
    // them. 6,000 occurrences of one family (and an intensifier with its delete fix in every tenth line): the
    // overused findings reach past the 5,000 hints.
    const lines = Array.from({ length: MAX_FINDINGS_PER_CODE + 1000 }, (_, i) => (i % 10 === 9 ? '各级切实加强领导，高度重视。' : '领导高度重视。'));
    const text = lines.join('\n');
    const kept = cold(text);
    setLineCaching(false);
    const oneShot = cold(text);
    assert.strictEqual(oneShot, kept);
    const found = JSON.parse(oneShot) as { code: string; range: { start: { line: number; character: number } }; fixes?: unknown[] }[];
    const overused = found.filter((f) => f.code === 'cliche-overused');
    const last = overused[overused.length - 1];
    assert.deepStrictEqual(last.range.start, { line: MAX_FINDINGS_PER_CODE - 1 + 2, character: 2 }, 'the last overused finding, past the hints');
    assert.ok(found.some((f) => f.code === 'cliche' && f.fixes?.length), 'a delete fix');
  });

  it('keeps nothing when the per-line caches are off (a one-shot run)', () => {
    setLineCaching(false);
    const text = '领导高度重视。\n各部门高度重视。\n基层也高度重视。\n';
    assert.strictEqual(run(text), cold(text));
    assert.strictEqual(run(text.replace('基层', '基层单位')), cold(text.replace('基层', '基层单位')));
  });

  it('renumbers the other lines of an overused phrase when a line is inserted above them', () => {
    resetClicheState();
    const text = '领导高度重视。\n各部门高度重视。\n基层也高度重视。\n';
    run(text);
    const moved = '一、总体情况\n' + text;
    const warm = JSON.parse(run(moved)) as { code: string; message: string; range: { start: { line: number } } }[];
    const over = warm.filter((f) => f.code === 'cliche-overused');
    assert.strictEqual(over.length, 1);
    assert.strictEqual(over[0].range.start.line, 3);
    assert.ok(over[0].message.includes('其余在第 2、3 行'), over[0].message);
    assert.strictEqual(JSON.stringify(warm), cold(moved));
  });
});
