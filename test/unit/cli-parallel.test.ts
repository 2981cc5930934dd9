// gongwen-lint's worker thread (server/src/cli-parallel.ts): the repetition family run on the worker gives the
// findings the main thread would, and a worker that cannot start, throws, or answers nonsense loses nothing —
// the main thread checks those documents itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDocument, CheckOptions, DocFormat, Finding, GwDocument } from '../../server/src/core';
import { finishCheck, startCheck } from '../../server/src/core/check';
import { ParallelRepeat, WORKER_FAMILY, WorkerJob } from '../../server/src/cli-parallel';
import { ROOT, seedText } from './helpers';

const DIST_CLI = path.join(ROOT, 'dist', 'cli.js');

function jobs(): WorkerJob[] {
  const texts: [string, DocFormat, Partial<CheckOptions>][] = [
    [fs.readFileSync(path.join(ROOT, 'examples', 'speech.txt'), 'utf8'), 'plaintext', {}],
    ['一、总体要求\n我们要加强队伍建设。今年还要继续加强队伍建设。的的确确，我们我们要落实。\n', 'plaintext', {}],
    ['# 通知\n\n我们要加强队伍建设。今年还要继续加强队伍建设。\n', 'markdown', { locale: 'en' }],
    ['我们要加强队伍建设。今年还要继续加强队伍建设。\n', 'plaintext', { repeatWindow: 5, rules: { 'repeat-nearby': 'error' } }],
  ];
  const seed = seedText();
  if (seed) texts.push([seed, 'plaintext', {}]);
  return texts.map(([text, format, options], i) => ({ text, format, uri: `doc${i}.txt`, options }));
}

/** What the command line prints from: every job checked with the worker's answer (or without, when none came). */
async function viaWorker(file: string, list: WorkerJob[]): Promise<{ findings: Finding[][]; answered: number; failure?: string }> {
  const worker = new ParallelRepeat(file, list);
  const findings: Finding[][] = [];
  let answered = 0;
  for (let i = 0; i < list.length; i++) {
    const j = list[i];
    const partial = startCheck(new GwDocument(j.text, j.format, j.uri), j.options, new Set([WORKER_FAMILY]));
    const given = await worker.get(i);
    if (given) answered++;
    findings.push(finishCheck(partial, given ? new Map([[WORKER_FAMILY, given]]) : undefined));
  }
  worker.close();
  return { findings, answered, failure: worker.failure };
}

const direct = (list: WorkerJob[]) => list.map((j) => checkDocument(new GwDocument(j.text, j.format, j.uri), j.options));

function script(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-worker-'));
  const file = path.join(dir, 'worker.js');
  fs.writeFileSync(file, body);
  return file;
}

describe('gongwen-lint worker thread', () => {
  it('the repetition findings from the worker are the ones checkDocument makes', async function () {
    if (!fs.existsSync(DIST_CLI)) this.skip();
    const list = jobs();
    const r = await viaWorker(DIST_CLI, list);
    assert.equal(r.failure, undefined);
    assert.equal(r.answered, list.length);
    assert.deepStrictEqual(r.findings, direct(list));
    assert.ok(r.findings[1].some((f) => f.code === 'repeat-nearby') && r.findings[1].some((f) => f.code === 'repeat-successive'));
  });

  it('a worker that cannot start: every document is checked on the main thread', async () => {
    const list = jobs();
    const r = await viaWorker(path.join(os.tmpdir(), 'no-such-gongwen-worker.js'), list);
    assert.equal(r.answered, 0);
    assert.ok(r.failure);
    assert.deepStrictEqual(r.findings, direct(list));
  });

  it('a worker that throws, exits, or answers nonsense: nothing is lost', async () => {
    const list = jobs();
    const bodies = [
      `throw new Error('broken bundle');`,
      `process.exit(3);`,
      `const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ index: 0, findings: 'nonsense' }); parentPort.postMessage({ index: 1, error: 'failed' }); parentPort.postMessage(null);`,
      // Hangs after answering nothing: close() stops it.
      `setInterval(() => {}, 1000);`,
    ];
    for (const body of bodies) {
      const worker = new ParallelRepeat(script(body), list);
      if (body.startsWith('setInterval')) setTimeout(() => worker.close(), 200);
      const findings: Finding[][] = [];
      for (let i = 0; i < list.length; i++) {
        const j = list[i];
        const partial = startCheck(new GwDocument(j.text, j.format, j.uri), j.options, new Set([WORKER_FAMILY]));
        const given = await worker.get(i);
        assert.equal(given, undefined, body);
        findings.push(finishCheck(partial, undefined));
      }
      worker.close();
      assert.ok(worker.failure, body);
      assert.deepStrictEqual(findings, direct(list), body);
    }
  });

  it('the command line prints the same with and without the worker', function () {
    if (!fs.existsSync(DIST_CLI)) this.skip();
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    // Large enough for the worker (64 Ki code units).
    const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-big-')), 'big.txt');
    const speech = fs.readFileSync(path.join(ROOT, 'examples', 'speech.txt'), 'utf8');
    fs.writeFileSync(big, (speech + '\n我们我们要落实。\n').repeat(Math.ceil(70_000 / speech.length)));
    const run = (env: string) => spawnSync(process.execPath, [DIST_CLI, '--format', 'json', big], { encoding: 'utf8', env: { ...process.env, GONGWEN_LINT_WORKER: env } });
    const on = run('1');
    const off = run('0');
    assert.equal(on.status, off.status);
    assert.equal(on.stdout, off.stdout);
    assert.ok(JSON.parse(on.stdout)[0].diagnostics.some((d: { code: string }) => d.code.startsWith('repeat-')));
  });
});
