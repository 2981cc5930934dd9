// Start-up with V8's code cache, for the language server and the command line. scripts/build.mjs writes the
// bundle to its own file (MAIN_NAME: dist/server-main.js, dist/cli-main.js) and dist/server.js (dist/cli.js) as
// five constants — MAIN_NAME, SOURCE_HASH (a hash of the bundle), CACHE_AT_EXIT, RUN_FLAGS and RESTORE_FLAGS —
// followed by this file.
// The bundle is compiled with the bytecode cached by an earlier run of the same bundle
// (dist/server.js.<hash>.cache; V8 itself only compares the source's length), which saves compiling
// vscode-languageserver and the checks before `initialize` can be answered, or before the command line's
// first check (Node 20 has no module.enableCompileCache). The bundle is read as a file, not embedded as a
// string literal: an 800 KB literal costs ~9 ms to parse at every start. Without a usable cache (first run,
// another Node or V8 flags) the code compiles as usual and the cache is written: a few seconds later for the
// server, once initialize and the first check have compiled what they use; as the command line exits, once
// it has run everything it needed. An installation that cannot be written to runs without one.
'use strict';
// server/launch.json sizes V8's young generation (--max-semi-space-size), which V8 reads once, as the process
// starts. Set back to its default now, the flag leaves V8's flag hash as without it, so Node's code cache for its
// own modules and ours below still apply (a flag left set costs ~50M instructions before `initialize`).
if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size='))) require('node:v8').setFlagsFromString('--max-semi-space-size=0');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');

const mainFile = path.join(__dirname, MAIN_NAME);
const SOURCE = fs.readFileSync(mainFile, 'utf8');
const cacheFile = `${__filename}.${SOURCE_HASH}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrap(SOURCE), { filename: mainFile, cachedData });
// RUN_FLAGS (the command line's; scripts/build.mjs says why each): V8 flags for this run, set after the bundle is
// compiled with its cache, and RESTORE_FLAGS, the same flags at V8's defaults, set back before a cache is written: a
// cache made under other flags is rejected at the next start.
const setFlags = (flags) => flags && require('node:v8').setFlagsFromString(flags);
setFlags(RUN_FLAGS);
if (!cachedData || script.cachedDataRejected) {
  const writeCache = () => {
    setFlags(RESTORE_FLAGS);
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
      // Caches of earlier builds.
      const mine = path.basename(cacheFile);
      const base = path.basename(__filename);
      for (const f of fs.readdirSync(__dirname)) {
        if (f !== mine && f.startsWith(`${base}.`) && /^[0-9a-f]+\.cache$/.test(f.slice(base.length + 1))) fs.rmSync(path.join(__dirname, f), { force: true });
      }
    } catch {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // nothing written
      }
    }
  };
  if (CACHE_AT_EXIT) process.once('exit', writeCache);
  else setTimeout(writeCache, 3000).unref();
}
script.runInThisContext().call(module.exports, module.exports, require, module, __filename, __dirname);
