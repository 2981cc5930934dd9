// The compiled twins of the scans over a whole document (kernel.wat, assembled into kernel-wasm.ts): the
// repetition family's two and the cliché automaton's. gongwen-lint runs them here (useKernel): a JavaScript
// loop over a million characters runs mostly before V8 has optimised it, while WebAssembly is compiled before
// its first call. The language server keeps the JavaScript loops: its warm-up has optimised them, and a large
// document checked on save would hold a second copy of its text in the kernel's memory (the 10 MB bench
// document's peak went to 141 and 160 MB).
import { KERNEL_WASM } from './kernel-wasm';

/** What kernel.wat exports. Addresses are byte offsets into `memory`. */
export interface Kernel {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** How many (first, second, length) triples the last sweep wrote. */
  pairCount: { readonly value: number };
  sweep(codes: number, end: number, window: number, withPairs: number, ring: number, mask: number, heads: number, shift: number, doubles: number, pairs: number): number;
  count(
    codes: number, from: number, to: number, e1: number, e2: number, e3: number,
    bigrams: number, keys: number, heads: number, mask: number, shift: number,
    nextSame: number, head2: number, next2: number, starts: number, lengths: number, texts: number,
    count: number, quarters: number,
  ): void;
  scan(
    text: number, n: number, root: number, edgeStart: number, edgeChar: number, edgeTo: number,
    fail: number, firstOut: number, dict: number, out: number, lengths: number, hits: number, cap: number,
  ): number;
}

/** Whether the checks use the kernel (off unless useKernel turns it on), and how many times it was handed out. */
export const kernelUse = { enabled: false, handedOut: 0 };

/** Runs the whole-document scans compiled (true) or in JavaScript (false) from here on: one setting per process. */
export function useKernel(on: boolean): void {
  kernelUse.enabled = on;
}

/** The part of the WebAssembly API used here (the project's TypeScript libraries have no DOM types). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

let kernel: Kernel | null | undefined;

/** The kernel where it is on; null where it is off or WebAssembly cannot run (the JavaScript loops serve then). */
export function getKernel(): Kernel | null {
  if (!kernelUse.enabled) return null;
  const k = load();
  if (k) kernelUse.handedOut++;
  return k;
}

/** The kernel, compiled on first use, or null where WebAssembly cannot run. */
function load(): Kernel | null {
  if (kernel === undefined) {
    try {
      const bytes = typeof Buffer === 'function' ? Buffer.from(KERNEL_WASM, 'base64') : Uint8Array.from(atob(KERNEL_WASM), (c) => c.charCodeAt(0));
      const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
      kernel = wasm ? (new wasm.Instance(new wasm.Module(bytes)).exports as Kernel) : null;
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

/** Scans of fewer code units stay in JavaScript even where the kernel is on: copying would cost more. */
export const KERNEL_MIN_UNITS = 16384;

/** The most a WebAssembly memory holds: 65,536 pages of 64 KB. */
const MAX_BYTES = 65536 * 65536;

/** The kernel's memory laid out for one call: regions taken one after the other, each 8-byte aligned. */
export class Layout {
  private size = 0;
  /** The regions put(), copied in by buffer(). */
  private readonly copies: { at: number; data: Int32Array | Uint16Array | Uint8Array | readonly number[] }[] = [];

  /** Where a region of `bytes` bytes starts. */
  take(bytes: number): number {
    const at = this.size;
    this.size += (bytes + 7) & ~7;
    return at;
  }

  /** Where a region holding a copy of `data` starts (a plain array as i32); buffer() writes the copy. */
  put(data: Int32Array | Uint16Array | Uint8Array | readonly number[]): number {
    const at = this.take(data.length * (Array.isArray(data) ? 4 : (data as Int32Array).BYTES_PER_ELEMENT));
    this.copies.push({ at, data });
    return at;
  }

  /**
   * The kernel's memory, grown to hold every region taken and holding the copies put(), or undefined when it
   * cannot grow that far (at most 4 GB, less where the system refuses). Views made on it before a later call to
   * buffer() may be detached by that call: make them after it.
   */
  buffer(k: Kernel): ArrayBuffer | undefined {
    const short = this.size - k.memory.buffer.byteLength;
    if (short > 0) {
      if (this.size > MAX_BYTES) return undefined;
      try {
        k.memory.grow(Math.ceil(short / 65536));
      } catch {
        return undefined;
      }
    }
    const buf = k.memory.buffer;
    for (const { at, data } of this.copies) {
      if (data instanceof Uint16Array) new Uint16Array(buf, at, data.length).set(data);
      else if (data instanceof Uint8Array) new Uint8Array(buf, at, data.length).set(data);
      else new Int32Array(buf, at, data.length).set(data);
    }
    return buf;
  }
}
