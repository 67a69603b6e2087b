/**
 * RIPEMD-160 (Dobbertin, Bosselaers, Preneel, 1996) in TypeScript, for record digests.
 *
 * Written for many short inputs (a set name, a type byte and a user key): the message
 * words and the padding block live in preallocated arrays, the five state words in
 * locals, so a call allocates nothing but its 20-byte result. Not reentrant (there is no
 * await inside), which is all a single-threaded caller needs.
 */

/** Message word used by each of the 80 steps of the left line. */
const WL = Uint8Array.from([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
  3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12,
  1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
  4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13
]);
/** Message word used by each of the 80 steps of the right line. */
const WR = Uint8Array.from([
  5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12,
  6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
  15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13,
  8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
  12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11
]);
/** Left rotation of each step, left line. */
const SL = Uint8Array.from([
  11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
  7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
  11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5,
  11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
  9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6
]);
/** Left rotation of each step, right line. */
const SR = Uint8Array.from([
  8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6,
  9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
  9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5,
  15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
  8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11
]);
/* Additive constants of the five rounds, left line (KL*) and right line (KR*). */
const KL0 = 0x00000000;
const KL1 = 0x5a827999;
const KL2 = 0x6ed9eba1;
const KL3 = 0x8f1bbcdc | 0;
const KL4 = 0xa953fd4e | 0;
const KR0 = 0x50a28be6;
const KR1 = 0x5c4dd124;
const KR2 = 0x6d703ef3;
const KR3 = 0x7a6d76e9;
const KR4 = 0x00000000;

/** Chaining state h0..h4. */
const H = new Int32Array(5);
/** The 16 little-endian message words of the block being compressed. */
const X = new Int32Array(16);
/** The last one or two blocks: the tail of the message, the 0x80 marker, zeros, the bit length. */
const TAIL = new Uint8Array(128);

/** Loads the 16 words of the 64-byte block at `off` into X. */
function load(b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) {
    X[i] = (b[off] as number) | ((b[off + 1] as number) << 8) | ((b[off + 2] as number) << 16) | ((b[off + 3] as number) << 24);
  }
}

/** Compresses the block in X into H. */
function compress(): void {
  let al = H[0] as number;
  let bl = H[1] as number;
  let cl = H[2] as number;
  let dl = H[3] as number;
  let el = H[4] as number;
  let ar = al;
  let br = bl;
  let cr = cl;
  let dr = dl;
  let er = el;
  // round 1
  for (let j = 0; j < 16; j++) {
    let t = (al + (bl ^ cl ^ dl) + (X[WL[j] as number] as number) + KL0) | 0;
    let s = SL[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + el) | 0;
    al = el;
    el = dl;
    dl = (cl << 10) | (cl >>> 22);
    cl = bl;
    bl = t;
    t = (ar + (br ^ (cr | ~dr)) + (X[WR[j] as number] as number) + KR0) | 0;
    s = SR[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + er) | 0;
    ar = er;
    er = dr;
    dr = (cr << 10) | (cr >>> 22);
    cr = br;
    br = t;
  }
  // round 2
  for (let j = 16; j < 32; j++) {
    let t = (al + ((bl & cl) | (~bl & dl)) + (X[WL[j] as number] as number) + KL1) | 0;
    let s = SL[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + el) | 0;
    al = el;
    el = dl;
    dl = (cl << 10) | (cl >>> 22);
    cl = bl;
    bl = t;
    t = (ar + ((br & dr) | (cr & ~dr)) + (X[WR[j] as number] as number) + KR1) | 0;
    s = SR[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + er) | 0;
    ar = er;
    er = dr;
    dr = (cr << 10) | (cr >>> 22);
    cr = br;
    br = t;
  }
  // round 3
  for (let j = 32; j < 48; j++) {
    let t = (al + ((bl | ~cl) ^ dl) + (X[WL[j] as number] as number) + KL2) | 0;
    let s = SL[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + el) | 0;
    al = el;
    el = dl;
    dl = (cl << 10) | (cl >>> 22);
    cl = bl;
    bl = t;
    t = (ar + ((br | ~cr) ^ dr) + (X[WR[j] as number] as number) + KR2) | 0;
    s = SR[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + er) | 0;
    ar = er;
    er = dr;
    dr = (cr << 10) | (cr >>> 22);
    cr = br;
    br = t;
  }
  // round 4
  for (let j = 48; j < 64; j++) {
    let t = (al + ((bl & dl) | (cl & ~dl)) + (X[WL[j] as number] as number) + KL3) | 0;
    let s = SL[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + el) | 0;
    al = el;
    el = dl;
    dl = (cl << 10) | (cl >>> 22);
    cl = bl;
    bl = t;
    t = (ar + ((br & cr) | (~br & dr)) + (X[WR[j] as number] as number) + KR3) | 0;
    s = SR[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + er) | 0;
    ar = er;
    er = dr;
    dr = (cr << 10) | (cr >>> 22);
    cr = br;
    br = t;
  }
  // round 5
  for (let j = 64; j < 80; j++) {
    let t = (al + (bl ^ (cl | ~dl)) + (X[WL[j] as number] as number) + KL4) | 0;
    let s = SL[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + el) | 0;
    al = el;
    el = dl;
    dl = (cl << 10) | (cl >>> 22);
    cl = bl;
    bl = t;
    t = (ar + (br ^ cr ^ dr) + (X[WR[j] as number] as number) + KR4) | 0;
    s = SR[j] as number;
    t = (((t << s) | (t >>> (32 - s))) + er) | 0;
    ar = er;
    er = dr;
    dr = (cr << 10) | (cr >>> 22);
    cr = br;
    br = t;
  }
  const t = ((H[1] as number) + cl + dr) | 0;
  H[1] = (H[2] as number) + dl + er;
  H[2] = (H[3] as number) + el + ar;
  H[3] = (H[4] as number) + al + br;
  H[4] = (H[0] as number) + bl + cr;
  H[0] = t;
}

/**
 * RIPEMD-160 of `data[start, end)`.
 * @param out where the 20 bytes go (a new Buffer when omitted), written at `outOffset`
 * @returns `out`
 */
export function ripemd160(data: Uint8Array, start = 0, end = data.length, out: Buffer = Buffer.allocUnsafe(20), outOffset = 0): Buffer {
  const len = end - start;
  H[0] = 0x67452301;
  H[1] = 0xefcdab89 | 0;
  H[2] = 0x98badcfe | 0;
  H[3] = 0x10325476;
  H[4] = 0xc3d2e1f0 | 0;
  let off = start;
  for (; end - off >= 64; off += 64) {
    load(data, off);
    compress();
  }
  // the rest, the 0x80 marker, zero padding and the length in bits (64-bit little-endian)
  const rest = end - off;
  for (let i = 0; i < rest; i++) TAIL[i] = data[off + i] as number;
  TAIL[rest] = 0x80;
  const blocks = rest < 56 ? 1 : 2;
  const lenAt = blocks * 64 - 8;
  TAIL.fill(0, rest + 1, lenAt);
  const bitsLo = (len * 8) >>> 0;
  const bitsHi = Math.floor(len / 0x20000000);
  TAIL[lenAt] = bitsLo;
  TAIL[lenAt + 1] = bitsLo >>> 8;
  TAIL[lenAt + 2] = bitsLo >>> 16;
  TAIL[lenAt + 3] = bitsLo >>> 24;
  TAIL[lenAt + 4] = bitsHi;
  TAIL[lenAt + 5] = bitsHi >>> 8;
  TAIL[lenAt + 6] = bitsHi >>> 16;
  TAIL[lenAt + 7] = bitsHi >>> 24;
  load(TAIL, 0);
  compress();
  if (blocks === 2) {
    load(TAIL, 64);
    compress();
  }
  for (let i = 0; i < 5; i++) out.writeInt32LE(H[i] as number, outOffset + i * 4);
  return out;
}
