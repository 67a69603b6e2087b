// Summarises a V8 .cpuprofile (from `node bench/run.mjs --cpu-prof DIR`): the functions with
// the most self time and the most inclusive time, as a markdown table.
//
//   node bench/profile-top.mjs FILE.cpuprofile [count]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, countArg] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node bench/profile-top.mjs FILE.cpuprofile [count]');
  process.exit(2);
}
const count = Number(countArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const root = fileURLToPath(new URL('..', import.meta.url));

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function frameName(n) {
  const f = n.callFrame;
  let where = f.url;
  if (where.startsWith('file://')) where = fileURLToPath(where);
  if (where.startsWith(root)) where = relative(root, where);
  const fn = f.functionName || '(anonymous)';
  return where === '' ? fn : `${fn} ${where}:${f.lineNumber + 1}`;
}

const self = new Map();
const incl = new Map();
const byFile = new Map();
function fileOf(n) {
  let where = n.callFrame.url;
  if (where.startsWith('file://')) where = fileURLToPath(where);
  if (where.startsWith(root)) where = relative(root, where);
  if (where.startsWith('node:')) return 'node: internals';
  if (where === '') return `${n.callFrame.functionName || '(anonymous)'} (native)`;
  return where;
}
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0;
  total += dt;
  let n = byId.get(prof.samples[i]);
  const name = frameName(n);
  self.set(name, (self.get(name) ?? 0) + dt);
  const file = fileOf(n);
  byFile.set(file, (byFile.get(file) ?? 0) + dt);
  const seen = new Set();
  for (; n !== undefined; n = byId.get(parent.get(n.id))) {
    const nm = frameName(n);
    if (seen.has(nm)) continue;
    seen.add(nm);
    incl.set(nm, (incl.get(nm) ?? 0) + dt);
  }
}

const pct = (x) => `${((100 * x) / total).toFixed(1)}%`;
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, count);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled\n`);
console.log('| self | file |\n|---:|---|');
for (const [name, t] of top(byFile).slice(0, 12)) console.log(`| ${pct(t)} | \`${name}\` |`);
console.log('\n| self | function |\n|---:|---|');
for (const [name, t] of top(self)) console.log(`| ${pct(t)} | \`${name}\` |`);
console.log('\n| inclusive | function |\n|---:|---|');
for (const [name, t] of top(incl).filter(([n]) => !/^\((root|program|idle)\)/.test(n))) console.log(`| ${pct(t)} | \`${name}\` |`);
