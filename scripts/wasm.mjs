#!/usr/bin/env node
// Assembles server/src/core/kernel.wat (WebAssembly text) with wabt and writes its bytes, as base64, to
// server/src/core/kernel-wasm.ts, which the build bundles: the build and the extension need no assembler.
// Run it (`npm run wasm`) after changing kernel.wat; test/unit/kernel.test.ts fails while the two differ.
//   node scripts/wasm.mjs [--check]   (--check: exit 1 if kernel-wasm.ts is not what kernel.wat gives)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleKernel, kernelModuleText } from './wasm-lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'server/src/core/kernel-wasm.ts');

const bytes = await assembleKernel(readFileSync(path.join(ROOT, 'server/src/core/kernel.wat'), 'utf8'));
const text = kernelModuleText(bytes);
if (process.argv.includes('--check')) {
  const same = readFileSync(OUT, 'utf8') === text;
  console.log(same ? 'kernel-wasm.ts matches kernel.wat' : 'kernel-wasm.ts differs from kernel.wat: run `npm run wasm`');
  process.exit(same ? 0 : 1);
}
writeFileSync(OUT, text);
console.log(`server/src/core/kernel-wasm.ts: ${bytes.length} bytes of WebAssembly`);
