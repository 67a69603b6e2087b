/**
 * Unit-sphere geometry for GeoJSON comparisons, following the S2 library the server uses:
 * points are unit vectors, polygon edges are great-circle arcs, a loop's interior is the
 * smaller of the two regions it bounds, and a circle is a spherical cap. The server tests
 * a GeoJSON point as the centre of the S2 leaf cell (about 1 cm wide) that holds it. A
 * point so close to a boundary that rounding could decide the answer is refused
 * (UNSUPPORTED) rather than guessed.
 */
import { ExpUnsupportedError } from '../exp-errors.js';

/** A point on the unit sphere. */
export type Vec3 = readonly [number, number, number];

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function norm(a: Vec3): number {
  return Math.sqrt(dot(a, a));
}

function normalize(a: Vec3): Vec3 {
  const n = norm(a);
  return n === 0 ? a : [a[0] / n, a[1] / n, a[2] / n];
}

/** Distances (radians, or squared chords) below which a point counts as on a boundary. */
const BOUNDARY_EPS = 1e-12;

function scale(a: Vec3, k: number): Vec3 {
  return [a[0] * k, a[1] * k, a[2] * k];
}

/** S2's Normalize: multiplies by the reciprocal of the norm. */
function s2Normalize(a: Vec3): Vec3 {
  let n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  if (n !== 0) n = 1 / n;
  return scale(a, n);
}

/** Round half to even (the x86 conversion S2 uses). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const LIMIT_IJ = 2 ** 30;

function uvToSt(u: number): number {
  return u >= 0 ? 0.5 * Math.sqrt(1 + 3 * u) : 1 - 0.5 * Math.sqrt(1 - 3 * u);
}

function stToUv(s: number): number {
  return s >= 0.5 ? (1 / 3) * (4 * s * s - 1) : (1 / 3) * (1 - 4 * (1 - s) * (1 - s));
}

function stToIj(s: number): number {
  return Math.max(0, Math.min(LIMIT_IJ - 1, roundHalfEven(LIMIT_IJ * s - 0.5)));
}

/** The centre of the S2 leaf cell that holds `p` (S2CellId(p).ToPoint()). */
export function leafCellCenter(p: Vec3): Vec3 {
  const ax = Math.abs(p[0]);
  const ay = Math.abs(p[1]);
  const az = Math.abs(p[2]);
  let face = ax > ay ? (ax > az ? 0 : 2) : ay > az ? 1 : 2;
  if ((p[face] as number) < 0) face += 3;
  let u: number;
  let v: number;
  switch (face) {
    case 0:
      [u, v] = [p[1] / p[0], p[2] / p[0]];
      break;
    case 1:
      [u, v] = [-p[0] / p[1], p[2] / p[1]];
      break;
    case 2:
      [u, v] = [-p[0] / p[2], -p[1] / p[2]];
      break;
    case 3:
      [u, v] = [p[2] / p[0], p[1] / p[0]];
      break;
    case 4:
      [u, v] = [p[2] / p[1], -p[0] / p[1]];
      break;
    default:
      [u, v] = [-p[1] / p[2], -p[0] / p[2]];
  }
  const i = stToIj(uvToSt(u));
  const j = stToIj(uvToSt(v));
  const cu = stToUv((1 / (2 * LIMIT_IJ)) * (2 * i + 1));
  const cv = stToUv((1 / (2 * LIMIT_IJ)) * (2 * j + 1));
  let xyz: Vec3;
  switch (face) {
    case 0:
      xyz = [1, cu, cv];
      break;
    case 1:
      xyz = [-cu, 1, cv];
      break;
    case 2:
      xyz = [-cu, -cv, 1];
      break;
    case 3:
      xyz = [-1, -cv, -cu];
      break;
    case 4:
      xyz = [cv, -1, -cu];
      break;
    default:
      xyz = [cv, cu, -1];
  }
  return s2Normalize(xyz);
}

/** The unit vector of a latitude/longitude in degrees (S2LatLng::ToPoint). */
export function pointFromDegrees(lat: number, lng: number): Vec3 {
  const phi = lat * (Math.PI / 180);
  const theta = lng * (Math.PI / 180);
  const cosphi = Math.cos(phi);
  return [Math.cos(theta) * cosphi, Math.sin(theta) * cosphi, Math.sin(phi)];
}

/** True when the arcs AB and CD cross at a point interior to both (S2's simple crossing test). */
function arcsCross(a: Vec3, b: Vec3, c: Vec3, d: Vec3): boolean {
  const ab = cross(a, b);
  const acb = -dot(ab, c);
  const bda = dot(ab, d);
  if (acb * bda <= 0) return false;
  const cd = cross(c, d);
  const cbd = -dot(cd, b);
  const dac = dot(cd, a);
  return acb * cbd > 0 && acb * dac > 0;
}

/** A closed loop of vertices (the closing vertex not repeated), normalized like S2Loop::Normalize. */
export class SphereLoop {
  readonly #v: readonly Vec3[];
  /** A point known to be on the left of the edges (inside the left-hand region). */
  readonly #ref: Vec3 | undefined;
  /** True when the left-hand region is more than a hemisphere, so the loop was inverted. */
  readonly #inverted: boolean;

  constructor(vertices: readonly Vec3[]) {
    this.#v = vertices;
    this.#ref = this.#referencePoint();
    this.#inverted = this.#curvature() < 0;
  }

  #vertex(i: number): Vec3 {
    const n = this.#v.length;
    return this.#v[((i % n) + n) % n] as Vec3;
  }

  /** Sum of the signed turning angles (positive for left turns); 2π minus the left-hand area. */
  #curvature(): number {
    let sum = 0;
    for (let i = 0; i < this.#v.length; i++) {
      const a = this.#vertex(i - 1);
      const b = this.#vertex(i);
      const c = this.#vertex(i + 1);
      const u = cross(a, b);
      const w = cross(b, c);
      const angle = Math.atan2(norm(cross(u, w)), dot(u, w));
      sum += dot(u, c) > 0 ? angle : -angle;
    }
    return sum;
  }

  /** A point just inside the left-hand wedge of some vertex. */
  #referencePoint(): Vec3 | undefined {
    for (let i = 0; i < this.#v.length; i++) {
      const a = this.#vertex(i - 1);
      const b = this.#vertex(i);
      const c = this.#vertex(i + 1);
      const n1 = normalize(cross(a, b));
      const n2 = normalize(cross(b, c));
      const t: Vec3 = [n1[0] + n2[0], n1[1] + n2[1], n1[2] + n2[2]];
      const tn = norm(t);
      if (tn < 1e-6) continue;
      const edge = Math.min(norm([b[0] - a[0], b[1] - a[1], b[2] - a[2]]), norm([c[0] - b[0], c[1] - b[1], c[2] - b[2]]));
      if (edge === 0) continue;
      const eps = (edge * 1e-6) / tn;
      return normalize([b[0] + t[0] * eps, b[1] + t[1] * eps, b[2] + t[2] * eps]);
    }
    return undefined;
  }

  #crossings(from: Vec3, to: Vec3): number {
    let count = 0;
    for (let i = 0; i < this.#v.length; i++) {
      if (arcsCross(from, to, this.#vertex(i), this.#vertex(i + 1))) count++;
    }
    return count;
  }

  /** Refuses a point on (or within rounding of) an edge or a vertex. */
  #checkClear(p: Vec3): void {
    for (let i = 0; i < this.#v.length; i++) {
      const a = this.#vertex(i);
      const b = this.#vertex(i + 1);
      const d: Vec3 = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
      if (norm(d) < BOUNDARY_EPS) throw new ExpUnsupportedError('geo: a point on a polygon vertex');
      const n = cross(a, b);
      const nn = norm(n);
      if (nn === 0) continue;
      if (Math.abs(dot(p, n)) / nn < BOUNDARY_EPS && dot(cross(a, p), n) >= 0 && dot(cross(p, b), n) >= 0) {
        throw new ExpUnsupportedError('geo: a point on a polygon edge');
      }
    }
  }

  /** True when `p` is inside the (normalized) loop. */
  contains(p: Vec3): boolean {
    const q = this.#ref;
    if (q === undefined) throw new ExpUnsupportedError('geo: a degenerate loop');
    this.#checkClear(p);
    let count: number;
    if (dot(q, p) > -0.5) {
      count = this.#crossings(q, p);
    } else {
      let m = cross(q, p);
      if (norm(m) < 1e-9) m = Math.abs(q[0]) < 0.9 ? cross(q, [1, 0, 0]) : cross(q, [0, 1, 0]);
      const mid = normalize(m);
      count = this.#crossings(q, mid) + this.#crossings(mid, p);
    }
    const insideLeft = count % 2 === 0;
    return insideLeft !== this.#inverted;
  }
}

/** A spherical cap: all points within `angle` radians of `center` (S2Cap). */
export class SphereCap {
  readonly #center: Vec3;
  readonly #chord2: number;

  constructor(center: Vec3, angle: number) {
    this.#center = center;
    if (angle < 0 || Number.isNaN(angle)) this.#chord2 = -1;
    else if (angle >= Math.PI) this.#chord2 = 4;
    else {
      const s = 2 * Math.sin(angle / 2);
      this.#chord2 = Math.min(4, s * s);
    }
  }

  /** True when `p` is within the cap. */
  contains(p: Vec3): boolean {
    const c = this.#center;
    const d: Vec3 = [c[0] - p[0], c[1] - p[1], c[2] - p[2]];
    const d2 = dot(d, d);
    if (this.#chord2 >= 0 && Math.abs(Math.sqrt(d2) - Math.sqrt(this.#chord2)) < BOUNDARY_EPS) throw new ExpUnsupportedError('geo: a point on a circle');
    return d2 <= this.#chord2;
  }
}
