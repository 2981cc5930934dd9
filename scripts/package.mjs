#!/usr/bin/env node
// Packs the built extension (run `npm run build` first; `npm run package` does both) into
// gongwen-<version>.vsix with @vscode/vsce 3.x (4.x needs Node 22). vsce is installed on demand into
// .tools/vsce/ so that it never weighs on the extension's `npm ci`. Afterwards the package's file list is
// checked: everything package.json points at is inside, and no development file (sources, tests, tools,
// node_modules, source maps, dotfiles).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const VSCE_VERSION = '3.9.2';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsceDir = path.join(repo, '.tools/vsce');
const vsceBin = path.join(vsceDir, 'node_modules/@vscode/vsce/vsce');

function ensureVsce() {
  const pj = path.join(vsceDir, 'node_modules/@vscode/vsce/package.json');
  if (existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).version === VSCE_VERSION) return;
  console.log(`[package] installing @vscode/vsce@${VSCE_VERSION} into .tools/vsce/`);
  mkdirSync(vsceDir, { recursive: true });
  writeFileSync(
    path.join(vsceDir, 'package.json'),
    JSON.stringify({ name: 'gongwen-vsce', private: true, dependencies: { '@vscode/vsce': VSCE_VERSION } }, null, 2),
  );
  // keytar (an optional dependency, for publishing tokens) is not needed to package.
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--omit=optional'], { cwd: vsceDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('installing @vscode/vsce failed');
}

/** Entry names of a zip file, read with yauzl (a dependency of vsce). */
function zipEntries(file) {
  const yauzl = createRequire(path.join(vsceDir, 'package.json'))('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names = [];
      zip.on('entry', (e) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
if (!existsSync(path.join(repo, pkg.main.replace(/^\.\//, '')))) {
  console.error(`[package] ${pkg.main} is missing: run npm run build first (npm run package does)`);
  process.exit(1);
}

ensureVsce();
// Without a repository URL vsce cannot make README's relative links absolute and refuses to pack; keep
// them relative then (images the README shows ship in images/, so they resolve inside the installed
// extension).
const linkArgs = pkg.repository ? [] : ['--allow-missing-repository', '--no-rewrite-relative-links'];
const r = spawnSync(process.execPath, [vsceBin, 'package', '--no-dependencies', ...linkArgs, '--out', out], {
  cwd: repo,
  stdio: 'inherit',
});
if (r.status !== 0) process.exit(r.status ?? 1);

// What went in: the entries of the .vsix under extension/.
const files = (await zipEntries(path.join(repo, out)))
  .filter((f) => f.startsWith('extension/') && !f.endsWith('/'))
  .map((f) => f.slice('extension/'.length));
const problems = [];
// vsce renames README.md, CHANGELOG.md and LICENSE to readme.md, changelog.md and LICENSE.txt.
const shipped = new Set(files.map((f) => f.toLowerCase().replace(/^license\.txt$/, 'license')));
// Nothing of the development side: sources, tests, tools, source maps, dotfiles, node_modules.
const forbidden = /(^|\/)(node_modules|src|test|tests|out|bench|scripts|examples|\.tools|\.e2e|\.ci|\.vscode|\.git)\/|\.(ts|map|tsbuildinfo|vsix)$|(^|\/)\.[^/]*$/;
for (const f of files) if (forbidden.test(f) && !f.endsWith('.d.ts')) problems.push(`development file in the package: ${f}`);
const wanted = [pkg.main, pkg.icon, 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/server.js', 'dist/server-main.js', 'dist/cliches.ac'];
// Every string in the manifest that names an existing file of the repository (snippets, grammars, language
// configurations, view and container icons, walkthrough media …) must ship.
const manifest = { ...pkg };
for (const k of ['scripts', 'dependencies', 'devDependencies', 'files']) delete manifest[k];
const strings = (v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
for (const s of strings(manifest)) {
  const rel = s.replace(/^\.\//, '');
  if (/^[\w.-]+(\/[\w.-]+)*\.\w+$/.test(rel) && !rel.startsWith('.') && existsSync(path.join(repo, rel))) wanted.push(rel);
}
// Placeholders like %description% need package.nls.json; every shipped data folder goes in whole.
if (JSON.stringify(pkg).includes('"%')) wanted.push('package.nls.json');
const walk = (dir) =>
  existsSync(path.join(repo, dir))
    ? readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]))
    : [];
for (const dir of ['data', 'snippets', 'syntaxes', 'media', pkg.l10n?.replace(/^\.\//, '')].filter(Boolean)) wanted.push(...walk(dir));
for (const w of wanted.filter(Boolean).map((p) => p.replace(/^\.\//, ''))) {
  if (!shipped.has(w.toLowerCase())) problems.push(`missing from the package: ${w}${existsSync(path.join(repo, w)) ? '' : ' (the file does not exist)'}`);
}
if (problems.length) {
  console.error(`[package] ${out} is not right:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`[package] ${out}: ${files.length} files, contents checked`);
