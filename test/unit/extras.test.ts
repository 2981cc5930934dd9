// gongwen-lint asks for findings without what its reports never print (setFindingExtras: fixes only with
// --fix, related locations only with --stats, never the hover text). Such findings must say exactly what the
// full ones say — code, severity, range, message, and the hover text when asked for — and an analysis kept
// from a check with other extras must never be reused (a stale entry would show as related locations, fixes
// or hover texts where none are wanted, or the reverse).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, Finding, GwDocument } from '../../server/src/core';
import { setLineCaching } from '../../server/src/core/cache';
import { resetClicheMatcher } from '../../server/src/core/cliche/dictionary';
import { setFindingExtras } from '../../server/src/core/extras';
import { resetClicheState } from '../../server/src/core/rules/cliche';
import { Generator, loadGenerator, ROOT, seedText } from './helpers';

const URI = 'file:///extras.txt';
const bare = (fs_: Finding[]) => JSON.stringify(fs_.map((f) => [f.code, f.severity, f.range, f.message]));

describe('findings without fixes, related locations or hover texts (gongwen-lint)', () => {
  let gen: Generator;
  before(async () => {
    gen = await loadGenerator();
  });
  afterEach(() => {
    setFindingExtras({ fixes: true, related: true });
    setLineCaching(true);
    resetClicheMatcher();
    resetClicheState();
  });

  it('say what the full findings say, cold and while typing', () => {
    // (The seed is absent from a clean clone.)
    const texts = [fs.readFileSync(path.join(ROOT, 'examples', 'speech.txt'), 'utf8'), seedText(), gen.generate(40 * 1024, 7, gen.loadCliches().phrases).text].filter((t): t is string => t !== undefined);
    for (const caching of [false, true]) {
      setLineCaching(caching);
      for (const text of texts) {
        setFindingExtras({ fixes: true, related: true });
        const full = checkDocument(new GwDocument(text, 'plaintext', URI));
        assert.ok(full.some((f) => f.code === 'cliche' && f.detail?.includes('**怎么改**')));
        for (const extras of [
          { fixes: false, related: false, detail: false },
          { fixes: true, related: false, detail: true },
          { fixes: false, related: true, detail: false },
          { fixes: true, related: true, detail: true },
          { fixes: true, related: true },
        ]) {
          setFindingExtras(extras);
          const lean = checkDocument(new GwDocument(text, 'plaintext', URI));
          assert.equal(bare(lean), bare(full));
          for (let i = 0; i < lean.length; i++) {
            if (lean[i].code.startsWith('cliche')) {
              assert.deepStrictEqual(lean[i].fixes, extras.fixes ? full[i].fixes : undefined);
              assert.deepStrictEqual(lean[i].related, extras.related ? full[i].related : undefined);
              assert.equal(lean[i].detail, extras.detail === false ? undefined : full[i].detail);
            } else assert.deepStrictEqual(lean[i], full[i]);
          }
        }
      }
    }
  });

  it('are never taken from an analysis kept with other extras', () => {
    const text = gen.generate(30 * 1024, 11, gen.loadCliches().phrases).text;
    const edited = text.slice(0, 5000) + '高度重视' + text.slice(5000);
    setLineCaching(false);
    const cold = (t: string) => JSON.stringify(checkDocument(new GwDocument(t, 'plaintext', URI)));
    const expected = new Map<string, string>();
    // Everything; everything but the hover text (only that differs); nothing; the hover text alone.
    const all = { fixes: true, related: true, detail: true };
    const noDetail = { fixes: true, related: true, detail: false };
    const none = { fixes: false, related: false, detail: false };
    const detailOnly = { fixes: false, related: false, detail: true };
    for (const extras of [all, noDetail, none, detailOnly]) {
      setFindingExtras(extras);
      expected.set(`${JSON.stringify(extras)}:${text}`, cold(text));
      expected.set(`${JSON.stringify(extras)}:${edited}`, cold(edited));
    }
    setLineCaching(true);
    let last: GwDocument | undefined;
    const warm = (t: string) => JSON.stringify(checkDocument((last = new GwDocument(t, 'plaintext', URI, last))));
    for (const [t, extras] of [
      [text, all],
      [text, noDetail],
      [edited, noDetail],
      [edited, all],
      [text, none],
      [text, detailOnly],
      [edited, all],
      [edited, none],
    ] as [string, typeof all][]) {
      setFindingExtras(extras);
      assert.equal(warm(t), expected.get(`${JSON.stringify(extras)}:${t}`));
    }
  });
});
