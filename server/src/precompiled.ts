// The cliché automaton of the built-in dictionary, compiled at build time (scripts/build.mjs writes
// dist/cliches.ac next to the bundles). Reading it takes a few milliseconds; building the automaton from the
// dictionary takes tens. Both fronts load it before their first check: the command line before it checks, the
// server right after the handshake. The dictionary code checks that the tables fit its phrases before it
// uses them, and builds the automaton itself without them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { usePrecompiledAutomaton } from './core/cliche/dictionary';

/** Hands dist/cliches.ac (next to the running bundle, in `dir`) to the dictionary, when there is one. */
export function loadPrecompiledAutomaton(dir: string): void {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(path.join(dir, 'cliches.ac'));
  } catch {
    return; // none (running from the sources): the automaton is built
  }
  if (buf.byteLength % 4) return;
  // A view when the bytes are aligned for one (a file this large has a buffer of its own), else a copy.
  const tables = buf.byteOffset % 4 === 0 ? new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4) : new Int32Array(Uint8Array.from(buf).buffer);
  usePrecompiledAutomaton(tables);
}
