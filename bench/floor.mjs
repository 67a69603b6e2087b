// The client work no Node.js client can skip, measured alone: what the raw ceiling does
// not do because its requests are encoded before measuring and its replies are counted,
// not decoded. Per key: its RIPEMD-160 digest (our `new Key(ns, set, userKey)`); per
// record: decoding a reply of the bench's record (3 bins: integer, 20-character string,
// 100-byte blob) into bins (`parseSingleReply`). One process, the measures alternating,
// 3 rounds; CPU time (process.cpuUsage) per call.
//
//   node bench/floor.mjs            (AEROSPIKE_HOSTS, default 127.0.0.1:3000; set bench_100000 loaded)
//
// The server is used once, to fetch the reply bytes of one record; nothing is measured
// against it.
import { connect } from 'node:net';
import { ourPackage } from './lib/impls/ours.mjs';
import { digestOf, encodeGet } from './lib/raw/wire.mjs';
import { parseHostList } from './lib/raw/cluster.mjs';

const hosts = parseHostList(process.env.AEROSPIKE_HOSTS ?? '127.0.0.1:3000');
const ns = process.env.AEROSPIKE_NAMESPACE ?? 'test';
const set = 'bench_100000';
const { Key, parseSingleReply } = ourPackage('core');

/** The whole reply frame of a get of user key `k` (from the first host; a single node). */
function fetchReply(k) {
  const { host, port } = hosts[0];
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port, noDelay: true });
    const parts = [];
    let have = 0;
    sock.on('error', reject);
    sock.on('data', (c) => {
      parts.push(c);
      have += c.length;
      const all = Buffer.concat(parts);
      if (have >= 8 && have >= 8 + all.readUIntBE(2, 6)) {
        sock.destroy();
        resolve(all.subarray(0, 8 + all.readUIntBE(2, 6)));
      }
    });
    sock.write(encodeGet(ns, set, digestOf(set, k)));
  });
}

function perCall(fn, n) {
  const t = process.cpuUsage();
  fn(n);
  const u = process.cpuUsage(t);
  return (u.user + u.system) / n;
}

const frame = await fetchReply(0);
const check = parseSingleReply(frame);
if (check.resultCode !== 0 || check.bins === null || Object.keys(check.bins).length !== 3) {
  throw new Error(`record 0 of ${set} is missing or not the bench's record (result code ${check.resultCode}); load it with \`node bench/run.mjs --only raw --workloads get --rounds 1\` first`);
}

let sink = 0;
const digests = (n) => {
  for (let i = 0; i < n; i++) sink += new Key(ns, set, i * 10).digest[0];
};
const decodes = (n) => {
  for (let i = 0; i < n; i++) sink += parseSingleReply(frame).opCount;
};
const N = 300_000;
digests(N / 10); // warm-up
decodes(N / 10);
const rounds = [];
for (let r = 0; r < 3; r++) {
  let d;
  if (r % 2 === 0) d = [perCall(digests, N), perCall(decodes, N)];
  else {
    const dec = perCall(decodes, N); // the other order every other round
    d = [perCall(digests, N), dec];
  }
  rounds.push({ digestUs: d[0], decodeUs: d[1] });
  console.log(`round ${r + 1}: key + digest ${d[0].toFixed(3)} µs, decode of one 3-bin record ${d[1].toFixed(3)} µs`);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[1];
const dg = med(rounds.map((r) => r.digestUs));
const dc = med(rounds.map((r) => r.decodeUs));
console.log(`median: key + digest ${dg.toFixed(3)} µs per key; decode ${dc.toFixed(3)} µs per record`);
console.log(`per batch of 100 keys: ${(100 * (dg + dc)).toFixed(0)} µs (${(100 * dg).toFixed(0)} digests + ${(100 * dc).toFixed(0)} decoding); per scanned record: ${dc.toFixed(2)} µs of decoding`);
if (sink === 0.5) console.log(''); // keeps the loops' results alive
