// Every finding has one object shape: the same fields in the same order (types.ts finding). What sorts, filters
// and converts the findings after each keystroke is compiled for that shape; a rule that made its own would
// have V8 throw that code away when its first finding turns up while someone types.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allCodes, checkDocument, GwDocument } from '../../server/src/core';
import { loadGenerator, ROOT, seedText } from './helpers';

const SHAPE = ['code', 'severity', 'range', 'message', 'fixes', 'related', 'detail'];

// A 公文 head and tail with format problems, an outline with wrong marks and levels, series, doubled words.
const FORMAT = [
  '某市人民政府文件',
  '某政发〔2024〕 3号',
  '关于做好2024年度安全生产工作的通知。',
  '各区人民政府，市政府各部门',
  '一. 总体要求',
  '（一)指导思想',
  '（三）工作目标',
  '1、加强领导',
  '二、主要任务',
  '一是统一思想，三要加强督查。我们我们要高度重视，高度重视，高度重视。',
  '三、保障措施',
  '1.加强领导',
  '（一）压实责任',
  '2.强化考核',
  '首先、要统一思想。其次、要压实责任。',
  '附件1.安全生产责任清单',
  '2.检查表',
  '某市人民政府',
  '2024年1月05日',
  '抄送:市委办公室.',
].join('\n');

describe('finding shape', () => {
  it('is the same for every finding of every rule, with or without a severity set', async () => {
    const gen = await loadGenerator();
    const { phrases } = gen.loadCliches();
    const texts = [gen.generate(40 * 1024, 7, phrases).text, FORMAT, fs.readFileSync(path.join(ROOT, 'examples', 'speech.txt'), 'utf8')];
    const seed = seedText();
    if (seed) texts.push(seed);
    const seen = new Set<string>();
    const everyCodeRaised = Object.fromEntries(allCodes().map((c) => [c.code, c.severity === 'hint' ? 'warning' : 'hint'] as const));
    for (const text of texts) {
      for (const rules of [{}, everyCodeRaised]) {
        for (const f of checkDocument(new GwDocument(text, 'plaintext', 'file:///shape.txt'), { rules })) {
          assert.deepEqual(Object.keys(f), SHAPE, `${f.code}: ${Object.keys(f).join(', ')}`);
          seen.add(f.code);
        }
      }
    }
    // Every rule had findings to show (the test would prove nothing otherwise).
    assert.deepEqual(allCodes().map((c) => c.code).filter((c) => !seen.has(c)), []);
  });
});
