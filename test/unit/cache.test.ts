// What the checks keep per document between versions (core/cache.ts PerDocument): the few documents checked
// last, and the server's warm-up copy beside them, never in place of one of them.
import * as assert from 'node:assert';
import { markScratch, PerDocument } from '../../server/src/core/cache';

describe('per-document state (cache.ts)', () => {
  it('keeps the documents checked last and drops the least recent', () => {
    const kept = new PerDocument<number>(2);
    kept.set('file:///a.txt', 1);
    kept.set('file:///b.txt', 2);
    kept.set('file:///a.txt', 3); // checked again: now the most recent
    kept.set('file:///c.txt', 4);
    assert.equal(kept.get('file:///b.txt'), undefined, 'b was the least recently checked');
    assert.equal(kept.get('file:///a.txt'), 3);
    assert.equal(kept.get('file:///c.txt'), 4);
  });

  it('keeps a scratch document (the warm-up copy) beside the others, never in place of one', () => {
    const copy = 'test-scratch:/copy';
    markScratch(copy);
    const kept = new PerDocument<number>(2);
    kept.set('file:///a.txt', 1);
    kept.set('file:///b.txt', 2);
    kept.set(copy, 3);
    kept.set(copy, 4);
    assert.equal(kept.get('file:///a.txt'), 1, 'the full set of documents stays');
    assert.equal(kept.get('file:///b.txt'), 2);
    assert.equal(kept.get(copy), 4);
    kept.delete(copy);
    assert.equal(kept.get(copy), undefined, 'forgotten when the server is done with it');
    kept.set('file:///c.txt', 5);
    assert.equal(kept.get('file:///a.txt'), undefined, 'real documents still make room for each other');
    assert.equal(kept.get('file:///c.txt'), 5);
  });
});
