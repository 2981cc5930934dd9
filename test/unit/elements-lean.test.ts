// With the per-line caches off (the command line, a large document in the language server) the elements
// keep no line shapes, and are otherwise the very ones found with them on; a model checked that way may still
// be the previous version of the next one (a large document edited below gongwen.maxFileSize).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GwDocument } from '../../server/src/core';
import { setLineCaching } from '../../server/src/core/cache';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

function texts(): string[] {
  const out = fs.readdirSync(EXAMPLES).map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
  out.push('关于做好有关工作的通知\n\n各单位：\n\n　　一、总体要求\n　　正文。\n\n附件：1.名单\n\n某某办公室\n2024年3月1日\n\n抄送：某某。\n');
  return out;
}

function plain(doc: GwDocument) {
  const e = doc.elements;
  return { all: e.all, head: e.head, body: e.body, tail: e.tail, dates: e.dates, headings: e.headings, at: doc.lines.map((l) => e.at(l.index)?.kind) };
}

describe('elements without the per-line caches', () => {
  afterEach(() => setLineCaching(true));

  it('are the elements found with them, without the line shapes', () => {
    for (const text of texts()) {
      for (const format of ['plaintext', 'markdown'] as const) {
        const warm = new GwDocument(text, format);
        const expected = plain(warm);
        assert.ok(warm.elements.lines, 'line shapes kept with the caches on');
        setLineCaching(false);
        const cold = new GwDocument(text, format);
        const got = plain(cold);
        assert.strictEqual(cold.elements.lines, undefined, 'no line shapes with the caches off');
        setLineCaching(true);
        assert.deepStrictEqual(got, expected);
        // The next version, edited, built from the lean one: the same as built from nothing.
        const edited = text.replace(/\n/, '\n新增一行。\n');
        assert.deepStrictEqual(plain(new GwDocument(edited, format, '', cold)), plain(new GwDocument(edited, format)));
      }
    }
  });
});
