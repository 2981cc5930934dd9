// checkDocument orders findings by position, then code, keeping the rules' order among equals. The
// counting sort it uses for long lists must give exactly what a stable comparison sort gives.
import * as assert from 'node:assert';
import { sortFindings } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core';

describe('finding order', () => {
  it('equals a stable sort by line, column and code for long and short lists', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const codes = ['cliche', 'cliche-overused', 'punct-halfwidth', 'repeat-nearby'];
    for (const [count, lines] of [[10, 3], [300, 5], [5000, 400], [3000, 1000], [2000, 1]]) {
      const findings: Finding[] = Array.from({ length: count }, (_, id) => {
        const line = rand(lines);
        const character = rand(8);
        return { code: codes[rand(codes.length)], severity: 'hint', message: String(id), range: { start: { line, character }, end: { line, character: character + 1 } } };
      });
      const expected = findings
        .slice()
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      const actual = findings.slice();
      sortFindings(actual, lines);
      assert.deepStrictEqual(actual.map((f) => f.message), expected.map((f) => f.message), `${count} findings on ${lines} lines`);
    }
  });
});
