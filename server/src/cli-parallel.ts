// gongwen-lint on two cores: a worker thread runs the repetition family (repeat-nearby, repeat-successive) of
// every large document while the main thread builds its own model and runs the other families. Repetition is
// a third of a one-shot check and returns a few dozen findings, so little has to cross between the threads;
// the clichés, which return thousands, stay on the main thread. The worker is the command line's own bundle
// (dist/cli.js), started with workerData that tells it to run jobs instead of main().
//
// Nothing is lost when the worker fails: a job whose findings never arrive (the worker could not start, threw,
// exited, or sent something unusable) is checked on the main thread instead, as if there were no worker.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { setLineCaching } from './core/cache';
import { makeContext } from './core/check';
import { DocFormat, GwDocument } from './core/model';
import type { CheckOptions } from './core/rules/api';
import { repeatRules } from './core/rules/repeat';
import type { Finding } from './core/types';

/** The family the worker runs (RuleFamily.name). */
export const WORKER_FAMILY = repeatRules.name;

/** One document for the worker: what the main thread builds its model from, and the document's options. */
export interface WorkerJob {
  text: string;
  format: DocFormat;
  uri: string;
  options: Partial<CheckOptions>;
}

interface WorkerInput {
  gongwenJobs: WorkerJob[];
}

/** A job's findings, or why there are none (the main thread then checks that document itself). */
type WorkerReply = { index: number; findings: Finding[] } | { index: number; error: string };

/**
 * In a worker started by ParallelRepeat: runs the jobs in order, posting each one's findings as soon as they
 * are known. Returns false (and does nothing) anywhere else.
 */
export function runWorkerJobs(): boolean {
  const input = workerData as WorkerInput | undefined;
  if (isMainThread || !parentPort || !input || !Array.isArray(input.gongwenJobs)) return false;
  // A one-shot check, as on the main thread: per-line caches would only cost filling them.
  setLineCaching(false);
  const port = parentPort;
  input.gongwenJobs.forEach((job, index) => {
    let reply: WorkerReply;
    try {
      const doc = new GwDocument(job.text, job.format, job.uri);
      reply = { index, findings: repeatRules.check(makeContext(doc, job.options)) };
    } catch (e) {
      reply = { index, error: String((e as Error)?.stack ?? e) };
    }
    try {
      port.postMessage(reply);
    } catch (e) {
      // Findings that cannot be cloned: the main thread checks this one.
      port.postMessage({ index, error: String((e as Error)?.message ?? e) });
    }
  });
  return true;
}

/** The worker's findings per job, as they arrive; undefined for a job the main thread must check itself. */
export class ParallelRepeat {
  private readonly results: (Finding[] | undefined)[];
  private readonly settled: boolean[];
  private readonly waiting: ((f: Finding[] | undefined) => void)[][];
  private worker: Worker | undefined;
  /** Why the worker gave up, when it did (for tests and debugging). */
  failure: string | undefined;

  /** Starts the worker on `file` (a script that calls runWorkerJobs) with the jobs. */
  constructor(file: string, jobs: WorkerJob[]) {
    const n = jobs.length;
    this.results = new Array(n);
    this.settled = new Array(n).fill(false);
    this.waiting = Array.from({ length: n }, () => []);
    try {
      const worker = new Worker(file, { workerData: { gongwenJobs: jobs } satisfies WorkerInput, stdout: true, stderr: true });
      this.worker = worker;
      worker.on('message', (m: WorkerReply) => {
        if (!m || typeof m.index !== 'number' || m.index < 0 || m.index >= n) return;
        if ('findings' in m && Array.isArray(m.findings)) this.settle(m.index, m.findings);
        else this.settle(m.index, undefined, 'error' in m ? m.error : 'malformed reply');
      });
      worker.on('messageerror', (e) => this.giveUp(`message error: ${e.message}`));
      worker.on('error', (e) => this.giveUp(`worker error: ${e?.message ?? e}`));
      worker.on('exit', (code) => this.giveUp(`worker exited with code ${code}`));
    } catch (e) {
      this.worker = undefined;
      this.giveUp(`worker not started: ${(e as Error)?.message ?? e}`);
    }
  }

  /** Job `index`'s findings from the worker, or undefined when the caller must check that document itself. */
  get(index: number): Promise<Finding[] | undefined> {
    if (this.settled[index]) return Promise.resolve(this.results[index]);
    return new Promise((resolve) => this.waiting[index].push(resolve));
  }

  /** Stops the worker if it still runs (the results still awaited come back undefined). */
  close(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
    this.giveUp('closed');
  }

  private settle(index: number, findings: Finding[] | undefined, why?: string): void {
    if (this.settled[index]) return;
    if (why && !this.failure) this.failure = why;
    this.settled[index] = true;
    this.results[index] = findings;
    for (const w of this.waiting[index].splice(0)) w(findings);
  }

  /** Every job not answered yet: undefined, checked by the caller. */
  private giveUp(why: string): void {
    for (let i = 0; i < this.settled.length; i++) if (!this.settled[i]) this.settle(i, undefined, why);
  }
}
