// A matcher of the built-in dictionary made from precompiled tables (dist/cliches.ac) takes its phrases and
// their entries from the tables instead of expanding the dictionary: it must match exactly what a matcher built
// from the dictionary matches, entries, families and labels included, and ignore tables of another dictionary.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AhoCorasick } from '../../server/src/core/cliche/automaton';
import { BUILTIN, ClicheMatcher, compileBuiltinAutomaton, expandPattern, resetClicheMatcher, usePrecompiledAutomaton } from '../../server/src/core/cliche/dictionary';
import { ROOT, seedText } from './helpers';

function sample(): string[] {
  const parts = [fs.readFileSync(path.join(ROOT, 'examples', 'speech.txt'), 'utf8'), seedText() ?? ''];
  // Every phrase of every entry, so that each expanded phrase's entry is looked at.
  for (const e of BUILTIN) parts.push(expandPattern(e.phrase).join('，'));
  return parts.join('\n').split('\n');
}

const full = (ms: ReturnType<ClicheMatcher['find']>) => ms.map((m) => [m.start, m.end, m.text, m.entry, m.family, m.label, m.pattern, m.familyId]);

describe('cliché matcher from precompiled tables', () => {
  afterEach(() => {
    usePrecompiledAutomaton(undefined);
    resetClicheMatcher();
  });

  it('matches what a matcher built from the dictionary matches, entries and families included', () => {
    const built = new ClicheMatcher();
    const tables = compileBuiltinAutomaton();
    usePrecompiledAutomaton(tables);
    const loaded = new ClicheMatcher();
    // Taken from the tables: no phrase was expanded, so no phrase index was made yet.
    assert.equal((loaded as unknown as { textIndex?: unknown }).textIndex, undefined);
    assert.equal(loaded.phraseCount, built.phraseCount);
    assert.deepStrictEqual(AhoCorasick.storedPatterns(tables)?.length, built.phraseCount);
    for (const line of sample()) assert.deepStrictEqual(full(loaded.find(line)), full(built.find(line)), line);
    for (const e of BUILTIN.slice(0, 40)) for (const p of expandPattern(e.phrase)) assert.deepStrictEqual(loaded.lookup(p), built.lookup(p));
  });

  it('tables whose stored dictionary differs, or that are damaged, are not taken', () => {
    const tables = compileBuiltinAutomaton();
    const trailer = AhoCorasick.storedTrailer(tables)!;
    // The stored source text of the dictionary (after the format, its length and one entry per phrase).
    const changed = tables.slice();
    const at = tables.length - trailer.length + 2 + AhoCorasick.storedPatterns(tables)!.length;
    changed[at] ^= 1;
    const badEntry = tables.slice();
    badEntry[tables.length - trailer.length + 2] = BUILTIN.length;
    const built = new ClicheMatcher();
    for (const t of [changed, badEntry, tables.slice(0, -1)]) {
      usePrecompiledAutomaton(t);
      const m = new ClicheMatcher();
      for (const line of sample()) assert.deepStrictEqual(full(m.find(line)), full(built.find(line)));
    }
  });
});
