/**
 * Seeds for the fuzzer: the recorded server replies in packages/core/test/fixtures/data
 * (single-record, batch and scan/query frames, info replies and the replicas, peers and
 * sindex-list texts inside them), a few hand-written AEL expressions and the AEL texts of
 * the AEL unit tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Recorded inputs, by kind. */
export interface Corpus {
  readonly single: Buffer[];
  readonly batch: Buffer[];
  readonly query: Buffer[];
  readonly info: Buffer[];
  readonly replicas: Array<{ form: 'replicas' | 'replicas-all' | 'replicas-master'; text: string }>;
  readonly peers: string[];
  readonly sindex: string[];
  readonly ael: string[];
}

interface Frame {
  type: number;
  hex: string;
  truncated?: unknown;
}
interface Exchange {
  request: Frame;
  responses: Frame[];
}

const AEL_SEEDS = [
  "$.age >= 18 and $.name == 'Tim'",
  '$.l.[#-3:-1~b].count() > 0 or $.m.{!a-c}.get(return: KEY_VALUE) == {}',
  '$.m.a.[0].b.{=5:}.count() >= 2',
  "let (x = $.l.[0], y = ${x} * 2) then (${y} > 3 and $.h.hllMayContain(['a']) == 1)",
  "when ($.a > 10 => 'big', default => 'small') == 'big' and 7 in $.l",
  '$.m.{0:2~k}.count() == 2 and $."my bin".{1,2}.count() == 1 and -5.asFloat() < .5',
  `geoCompare($.loc, geoJson('{"type":"Point","coordinates":[1.0,2.0]}')) and $.ttl() > 10 and $.digestModulo(3) == 1`,
  '$.a.get(type: INT) + 0x10 * 0b11 - 1_000 > ?0',
  '$.x.exists() and not($.y.exists()) or $.z == ?1',
  '($.a & 0xff) << 2 >= $.b >> 1 and abs($.c) <= max($.d, 3)',
  "$.tags.[=a].count() == 1 and $.m.{'k'}.[-1] == 'v'",
  '$.f.asInt() ** 2 % 7 != 0 and $.g == 1.5e3'
];

function frames(list: readonly Frame[]): Buffer[] {
  return list.filter((f) => f.truncated === undefined).map((f) => Buffer.from(f.hex, 'hex'));
}

function infoTexts(c: { replicas: Corpus['replicas']; peers: string[]; sindex: string[] }, frame: Buffer): void {
  for (const line of frame.toString('utf8', 8).split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const name = line.slice(0, tab);
    const value = line.slice(tab + 1);
    if (name === 'replicas' || name === 'replicas-all' || name === 'replicas-master') c.replicas.push({ form: name, text: value });
    else if (name.startsWith('peers-') && name !== 'peers-generation') c.peers.push(value);
    else if (name.startsWith('sindex-list')) c.sindex.push(value);
  }
}

/** Loads the recorded fixtures from `<root>/packages/core/test/fixtures/data`. */
export function loadCorpus(root: string): Corpus {
  const dir = join(root, 'packages', 'core', 'test', 'fixtures', 'data');
  const c: Corpus = { single: [], batch: [], query: [], info: [], replicas: [], peers: [], sindex: [], ael: [...AEL_SEEDS] };
  for (const file of readdirSync(join(dir, 'wire'))) {
    if (!file.endsWith('.json')) continue;
    const doc = JSON.parse(readFileSync(join(dir, 'wire', file), 'utf8')) as { steps: Array<{ exchanges: Exchange[]; infoExchanges?: Exchange[] }> };
    const into = file === 'batch.json' ? c.batch : file.startsWith('query') ? c.query : c.single;
    for (const step of doc.steps) {
      for (const ex of step.exchanges) into.push(...frames(ex.responses));
      for (const ex of step.infoExchanges ?? []) c.info.push(...frames(ex.responses));
    }
  }
  const tend = JSON.parse(readFileSync(join(dir, 'info', 'tend.json'), 'utf8')) as { tend: { exchanges: Exchange[] }; steps: Array<{ exchanges: Exchange[] }> };
  for (const ex of tend.tend.exchanges) c.info.push(...frames(ex.responses));
  for (const step of tend.steps) for (const ex of step.exchanges) c.info.push(...frames(ex.responses));
  const cluster = JSON.parse(readFileSync(join(dir, 'info', 'cluster3.json'), 'utf8')) as { nodes: Array<{ exchanges: Exchange[] }> };
  for (const node of cluster.nodes) for (const ex of node.exchanges) c.info.push(...frames(ex.responses));
  for (const f of c.info) infoTexts(c, f);
  // AEL texts: the first string of each table row in the AEL unit tests (`['$.l.[0] == 100', …]`).
  const aelDir = join(root, 'packages', 'core', 'test', 'ael');
  for (const file of readdirSync(aelDir)) {
    if (!file.endsWith('.test.ts')) continue;
    for (const m of readFileSync(join(aelDir, file), 'utf8').matchAll(/^\s*\[\s*(['"`])((?:\\.|(?!\1).)+)\1/gm)) c.ael.push(m[2] as string);
  }
  return c;
}
