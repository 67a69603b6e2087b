/**
 * GeoJSON as the server parses it for expressions: a `Point`, or a region (`Polygon`,
 * `MultiPolygon`, `AeroCircle` with a radius in meters on a 6,371 km sphere), optionally
 * wrapped in a `Feature`. Anything else is invalid.
 */
import { leafCellCenter, pointFromDegrees, SphereCap, SphereLoop, type Vec3 } from './sphere.js';

/** Mean earth radius the server uses when it parses expression GeoJSON. */
const EARTH_RADIUS_M = 6371000;

/** A parsed geometry. */
export type GeoShape = { readonly kind: 'point'; readonly p: Vec3 } | { readonly kind: 'region'; readonly contains: (p: Vec3) => boolean };

/** Thrown for GeoJSON the server would not parse. */
class GeoError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function point(coord: unknown): Vec3 {
  if (!Array.isArray(coord) || coord.length !== 2) throw new GeoError('bad coordinates');
  const [lng, lat] = coord as unknown[];
  if (typeof lng !== 'number' || typeof lat !== 'number') throw new GeoError('coordinates not numeric');
  if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) throw new GeoError('invalid latitude-longitude');
  return pointFromDegrees(lat, lng);
}

function same(a: Vec3, b: Vec3): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

function loop(vertices: unknown): SphereLoop {
  if (!Array.isArray(vertices)) throw new GeoError('vertices are not an array');
  const pts: Vec3[] = [];
  for (const v of vertices as unknown[]) {
    const p = point(v);
    const last = pts[pts.length - 1];
    if (last === undefined || !same(last, p)) pts.push(p);
  }
  if (pts.length < 4) throw new GeoError('loop contains less than 4 points');
  if (!same(pts[0] as Vec3, pts[pts.length - 1] as Vec3)) throw new GeoError('loop not closed');
  pts.pop();
  return new SphereLoop(pts);
}

/** A polygon: the points inside an odd number of its loops. */
function polygon(loops: unknown): (p: Vec3) => boolean {
  if (!Array.isArray(loops)) throw new GeoError('polygon body is not an array');
  const ls = (loops as unknown[]).map(loop);
  return (p) => {
    let inside = false;
    for (const l of ls) if (l.contains(p)) inside = !inside;
    return inside;
  };
}

function geometry(type: unknown, coordinates: unknown): GeoShape {
  if (typeof type !== 'string') throw new GeoError('type is not a string');
  switch (type) {
    case 'Point':
      // the server keeps a point as its S2 leaf cell, and tests the cell's centre
      return { kind: 'point', p: leafCellCenter(point(coordinates)) };
    case 'Polygon':
      return { kind: 'region', contains: polygon(coordinates) };
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates)) throw new GeoError('coordinates are not an array');
      const polys = (coordinates as unknown[]).map(polygon);
      return { kind: 'region', contains: (p) => polys.some((f) => f(p)) };
    }
    case 'AeroCircle': {
      if (!Array.isArray(coordinates) || coordinates.length !== 2) throw new GeoError('malformed circle');
      const [centre, radius] = coordinates as unknown[];
      const c = point(centre);
      if (typeof radius !== 'number') throw new GeoError('radius not numeric');
      const cap = new SphereCap(c, radius / EARTH_RADIUS_M);
      return { kind: 'region', contains: (p) => cap.contains(p) };
    }
    default:
      throw new GeoError(`unknown geometry type ${type}`);
  }
}

/** Parses GeoJSON text; undefined when the server would reject it. */
export function parseGeoJson(text: Buffer): GeoShape | undefined {
  try {
    const doc: unknown = JSON.parse(text.toString('utf8'));
    if (!isObject(doc)) return undefined;
    if (doc['type'] === 'Feature') {
      const g = doc['geometry'];
      if (!isObject(g)) return undefined;
      return geometry(g['type'], g['coordinates']);
    }
    return geometry(doc['type'], doc['coordinates']);
  } catch (e) {
    if (e instanceof GeoError || e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/**
 * The server's geo comparison of `a` against `b`: a point `a` within a region `b`, or a
 * region `a` containing a point `b`; two points or two regions never match.
 */
export function geoMatches(a: GeoShape, b: GeoShape): boolean {
  if (b.kind === 'point') return a.kind === 'region' && a.contains(b.p);
  return a.kind === 'point' && b.contains(a.p);
}
