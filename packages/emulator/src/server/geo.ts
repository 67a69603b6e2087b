/**
 * Geo queries the emulator answers: stored GeoJSON points within a Polygon region or an
 * AeroCircle (centre and radius in metres). Other shapes are not emulated.
 */

/** Mean Earth radius in metres. */
const EARTH_RADIUS_M = 6_371_000;

type Point = readonly [number, number];

/** A query region the emulator can test points against. */
export type GeoRegion = { readonly kind: 'circle'; readonly centre: Point; readonly radius: number } | { readonly kind: 'polygon'; readonly rings: ReadonlyArray<readonly Point[]> };

function isPoint(v: unknown): v is Point {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

/** Parses a query region; undefined when the shape is not emulated. */
export function parseRegion(text: string): GeoRegion | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { type, coordinates } = doc as { type?: unknown; coordinates?: unknown };
  if (type === 'AeroCircle' && Array.isArray(coordinates) && isPoint(coordinates[0]) && typeof coordinates[1] === 'number') {
    return { kind: 'circle', centre: coordinates[0], radius: coordinates[1] };
  }
  if (type === 'Polygon' && Array.isArray(coordinates) && coordinates.every((ring) => Array.isArray(ring) && ring.every(isPoint))) {
    return { kind: 'polygon', rings: coordinates as Point[][] };
  }
  return undefined;
}

/** The point of a stored GEOJSON particle (flags, cell count, cells, JSON), or undefined. */
export function storedPoint(data: Buffer): Point | undefined {
  if (data.length < 3) return undefined;
  const skip = 3 + 8 * data.readUInt16BE(1);
  try {
    const doc = JSON.parse(data.toString('utf8', skip)) as { type?: unknown; coordinates?: unknown };
    return doc.type === 'Point' && isPoint(doc.coordinates) ? doc.coordinates : undefined;
  } catch {
    return undefined;
  }
}

/** Great-circle distance in metres between two lng/lat points. */
function distance(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Even-odd rule on the lng/lat plane (good for the small regions tests use). */
function inRing(p: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Point;
    const b = ring[j] as Point;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** True when the point lies in the region (a polygon's holes excluded). */
export function pointInRegion(p: Point, region: GeoRegion): boolean {
  if (region.kind === 'circle') return distance(p, region.centre) <= region.radius;
  const [outer, ...holes] = region.rings;
  return outer !== undefined && inRing(p, outer) && !holes.some((h) => inRing(p, h));
}
