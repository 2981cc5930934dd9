// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time and inclusive time per function.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/cli.js --format json bench/.data/report-1m.txt
//   node bench/profile.mjs /tmp/prof/*.cpuprofile [--top 25]
import * as fs from 'node:fs';

const args = process.argv.slice(2);
const topIdx = args.indexOf('--top');
const top = topIdx >= 0 ? Number(args.splice(topIdx, 2)[1]) : 25;

for (const file of args) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const dt = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map();
  const totalBy = new Map();
  for (const n of p.nodes) {
    const t = self.get(n.id) ?? 0;
    if (!t) continue;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
    // Inclusive: add to every distinct function on the stack once.
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + t);
    }
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fmt = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${(v / 1000).toFixed(1).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(`${file}: ${(total / 1000).toFixed(1)} ms sampled\n-- self --\n${fmt(selfBy)}\n-- inclusive --\n${fmt(totalBy)}\n`);
}
