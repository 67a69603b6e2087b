// AEL parse cost: a typical 3-clause filter compiled cold (every text unique, so the text
// cache never hits) and warm (the same text, served from the cache), each reported as a
// ratio to a baseline measured in the same run: building the same expression with the
// Exp builders and packing it. The µs per parse are printed for information.
//
//   npx tsc -b && npm run build -w packages/core && node bench/ael-parse.mjs
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Exp, parseAel } = require('../packages/core/dist/index.cjs');

const N = 20_000;
const text = (i) => `$.age >= ${i} and $.name == 'Tim' and $.score < 9.5`;
const texts = Array.from({ length: N }, (_, i) => text(i + 1_000_000));
const built = (i) => Exp.build(Exp.and(Exp.ge(Exp.intBin('age'), Exp.val(i)), Exp.eq(Exp.stringBin('name'), Exp.val('Tim')), Exp.lt(Exp.floatBin('score'), Exp.val(9.5))));

function time(fn) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1000 / N; // µs per call
}

// the compiled bytes are the builders' bytes
if (parseAel(text(7)).toBase64() !== built(7).toBase64()) throw new Error('AEL and builder bytes differ');

let sink = 0;
for (let round = 0; round < 2; round++) {
  // round 0 warms the JIT; round 1 is reported
  const baseline = time((i) => (sink += built(i).toBytes().length));
  const cold = time((i) => (sink += parseAel(texts[i]).toBytes().length));
  const warm = time(() => (sink += parseAel(texts[0]).toBytes().length));
  if (round === 1) {
    console.log(`builders (baseline): ${baseline.toFixed(2)} µs per expression`);
    console.log(`AEL cold (unique texts): ${cold.toFixed(2)} µs per parse = ${(cold / baseline).toFixed(1)}x baseline`);
    console.log(`AEL warm (cache hit):    ${warm.toFixed(3)} µs per parse = ${(warm / baseline).toFixed(2)}x baseline`);
  }
}
if (sink === 0) console.log('');
