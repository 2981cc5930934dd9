#!/usr/bin/env node
// npm run fuzz [-- <runs> [<seed>]]: the fuzz suite with many cases and a new seed each time (printed first,
// and by fast-check with any counterexample, so a failure replays with GONGWEN_FUZZ_SEED=<seed>).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const runs = process.argv[2] || process.env.GONGWEN_FUZZ_RUNS || '20000';
const seed = process.argv[3] || process.env.GONGWEN_FUZZ_SEED || String(Date.now() % 2147483647);
console.log(`fuzz: ${runs} cases per property, seed ${seed}`);
const root = path.resolve(__dirname, '..');
const r = spawnSync(
  process.execPath,
  [require.resolve('mocha/bin/mocha.js'), '--no-config', '-r', './test/register.js', '--extension', 'ts', '--timeout', '0', 'test/unit/fuzz.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, GONGWEN_FUZZ_RUNS: runs, GONGWEN_FUZZ_SEED: seed } },
);
process.exit(r.status ?? 1);
