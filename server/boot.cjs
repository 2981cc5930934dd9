// Start-up of the language server with V8's code cache. scripts/build.mjs writes dist/server.js as the bundled
// server's source in a string (SOURCE, defined above this text, with SOURCE_HASH, a hash of it) followed by
// this file: the source is compiled with the bytecode cached by an earlier run of the same source
// (dist/server.js.<hash>.cache; V8 itself only compares the source's length), which saves compiling vscode-languageserver
// and the checks before `initialize` can be answered (Node 20 has no module.enableCompileCache). Without a
// usable cache (first run, another Node or V8 flags) the server compiles as usual and writes the cache a few
// seconds later, once initialize and the first check have compiled what they use. An installation that cannot
// be written to runs without one.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');

const cacheFile = `${__filename}.${SOURCE_HASH}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrap(SOURCE), { filename: path.join(__dirname, 'server-main.js'), cachedData });
if (!cachedData || script.cachedDataRejected) {
  setTimeout(() => {
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
  }, 3000).unref();
}
script.runInThisContext().call(module.exports, module.exports, require, module, __filename, __dirname);
