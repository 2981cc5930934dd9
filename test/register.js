// Lets mocha load TypeScript test files: each .ts file is transformed by esbuild (already a dev dependency)
// on require, so tests need no separate compile step and no extra loader package.
const { transformSync } = require('esbuild');
const fs = require('fs');

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};
