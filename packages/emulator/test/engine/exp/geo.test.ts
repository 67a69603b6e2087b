import { Exp, GeoJSON } from '@aerospike-ts/core';
import { filter, record } from './exp-helpers';

const point = (lng: number, lat: number): GeoJSON => new GeoJSON(JSON.stringify({ type: 'Point', coordinates: [lng, lat] }));
const square = new GeoJSON(
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
        [-1, -1]
      ]
    ]
  })
);
const withHole = new GeoJSON(
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [-10, -10],
        [10, -10],
        [10, 10],
        [-10, 10],
        [-10, -10]
      ],
      [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
        [-1, -1]
      ]
    ]
  })
);
/** The same square listed clockwise: the loop still means the smaller region. */
const clockwise = new GeoJSON(
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [-1, -1],
        [-1, 1],
        [1, 1],
        [1, -1],
        [-1, -1]
      ]
    ]
  })
);
const circle = (lng: number, lat: number, meters: number): GeoJSON => new GeoJSON(JSON.stringify({ type: 'AeroCircle', coordinates: [[lng, lat], meters] }));

const rec = record({ p: point(0.5, 0.5), far: point(50, 50), region: square, notGeo: 'x' });
const within = (bin: string, region: GeoJSON): boolean | number => filter(Exp.geoCompare(Exp.geoBin(bin), Exp.val(region)), rec);

describe('geo compare', () => {
  it('a point within a polygon (either orientation), outside a hole', () => {
    expect(within('p', square)).toBe(true);
    expect(within('far', square)).toBe(false);
    expect(within('p', clockwise)).toBe(true);
    expect(within('far', clockwise)).toBe(false);
    expect(within('p', withHole)).toBe(false);
    expect(filter(Exp.geoCompare(Exp.val(point(5, 5)), Exp.val(withHole)), rec)).toBe(true);
  });

  it('polygon edges are great-circle arcs, not lines of latitude', () => {
    const wide = new GeoJSON(
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [-80, 60],
            [80, 60],
            [80, 70],
            [-80, 70],
            [-80, 60]
          ]
        ]
      })
    );
    // the arc from (-80, 60) to (80, 60) bulges far north of latitude 60 at longitude 0
    expect(filter(Exp.geoCompare(Exp.val(point(0, 61)), Exp.val(wide)), rec)).toBe(false);
    expect(filter(Exp.geoCompare(Exp.val(point(79, 65)), Exp.val(wide)), rec)).toBe(true);
  });

  it('a point within an AeroCircle (radius in meters on a 6371 km sphere)', () => {
    // 1 degree of latitude is 111195 m on that sphere
    expect(within('p', circle(0.5, 0, 55_598 + 10))).toBe(true);
    expect(within('p', circle(0.5, 0, 55_598 - 10))).toBe(false);
    expect(within('p', circle(0, 0, 100_000))).toBe(true);
  });

  it('a region containing a point, MultiPolygon, Feature; point/point and region/region never match', () => {
    expect(filter(Exp.geoCompare(Exp.geoBin('region'), Exp.val(point(0, 0))), rec)).toBe(true);
    expect(filter(Exp.geoCompare(Exp.geoBin('region'), Exp.val(point(3, 0))), rec)).toBe(false);
    expect(filter(Exp.geoCompare(Exp.geoBin('p'), Exp.val(point(0.5, 0.5))), rec)).toBe(false);
    expect(filter(Exp.geoCompare(Exp.geoBin('region'), Exp.val(square)), rec)).toBe(false);
    const multi = new GeoJSON(JSON.stringify({ type: 'MultiPolygon', coordinates: [JSON.parse(square.value).coordinates, [[[40, 40], [60, 40], [60, 60], [40, 60], [40, 40]]]] }));
    expect(within('far', multi)).toBe(true);
    const feature = new GeoJSON(JSON.stringify({ type: 'Feature', geometry: JSON.parse(square.value) }));
    expect(within('p', feature)).toBe(true);
  });

  it('a point is tested as the centre of its S2 leaf cell: a point on a vertex or at a pole is decided, not refused', () => {
    const touching = new GeoJSON('{"type":"Polygon","coordinates":[[[48.45,-90],[2.66,-72.48],[15.37,-19.7],[77.47,-54.11],[48.45,-90]]]}');
    // the server answers true: the leaf cell centre of the south pole lies inside the wedge
    expect(filter(Exp.geoCompare(Exp.val(point(0, -90)), Exp.val(touching)), rec)).toBe(true);
  });

  it('a missing bin or a bin of another type is unknown', () => {
    expect(within('missing', square)).toBe(false);
    expect(filter(Exp.not(Exp.geoCompare(Exp.geoBin('notGeo'), Exp.val(square))), rec)).toBe(false);
  });
});
