import './helpers/dispose-symbol';
import { FakeNode } from '../../core/test/helpers/fake-node';
import * as aerospike from '../src/index';
import { mergePrometheus } from '../src/runtime';

let node: FakeNode;

beforeAll(async () => {
  node = await FakeNode.start();
});

afterAll(async () => {
  await aerospike.stop_metrics_server();
  aerospike.set_log_level(aerospike.LOG_LEVEL_OFF);
  await node.stop();
});

function connect(): Promise<aerospike.AsyncClient> {
  return aerospike.client({ hosts: [['127.0.0.1', node.port]] }).connect();
}

describe('classic module-level logging', () => {
  it('writes cluster changes to stderr at LOG_LEVEL_INFO and nothing when OFF', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      aerospike.set_log_level(aerospike.LOG_LEVEL_OFF);
      await (await connect()).close();
      expect(lines.filter((l) => l.includes('aerospike:'))).toEqual([]);
      aerospike.set_log_level(aerospike.LOG_LEVEL_INFO);
      await (await connect()).close();
      expect(lines.some((l) => / INFO aerospike: node \S+ \(127\.0\.0\.1:\d+\) joined/.test(l))).toBe(true);
      expect(lines.some((l) => / DEBUG /.test(l))).toBe(false);
    } finally {
      spy.mockRestore();
      aerospike.set_log_level(aerospike.LOG_LEVEL_OFF);
    }
    expect(aerospike.dropped_log_count()).toBe(0);
    expect(() => aerospike.set_log_level('debug' as never)).toThrow(aerospike.InvalidArgError);
  });
});

describe('classic module-level metrics', () => {
  it('merges every connected client into one Prometheus text, one family header each', async () => {
    const a = await connect();
    const b = await connect();
    try {
      await a.put(['test', 'm', 1], { v: 1 });
      await b.put(['test', 'm', 2], { v: 1 });
      const text = aerospike.get_metrics();
      expect(text).toMatch(/client="0"/);
      expect(text).toMatch(/client="1"/);
      const types = text.split('\n').filter((l) => l.startsWith('# TYPE db_client_operation_duration_seconds '));
      expect(types).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
    expect(aerospike.get_metrics()).toBe('');
  });

  it('turns recording off and on for every client', async () => {
    const a = await connect();
    try {
      aerospike.set_metrics_enabled(false);
      expect(a.is_metrics_enabled()).toBe(false);
      expect(aerospike.is_metrics_enabled()).toBe(false);
      const b = await connect();
      expect(b.is_metrics_enabled()).toBe(false);
      await b.close();
    } finally {
      aerospike.set_metrics_enabled(true);
      await a.close();
    }
    expect(aerospike.is_metrics_enabled()).toBe(true);
  });

  it('serves the metrics over HTTP for Prometheus', async () => {
    const a = await connect();
    try {
      await a.put(['test', 'm', 3], { v: 1 });
      const port = await aerospike.start_metrics_server(0, '127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(aerospike.get_metrics());
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      await aerospike.stop_metrics_server();
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    } finally {
      await a.close();
    }
  });

  it('labels plain and labelled samples when merging', () => {
    const t = '# HELP x_total things\n# TYPE x_total counter\nx_total 3\ny{node="A"} 1\n';
    expect(mergePrometheus([t, t])).toBe('# HELP x_total things\n# TYPE x_total counter\nx_total{client="0"} 3\ny{client="0",node="A"} 1\nx_total{client="1"} 3\ny{client="1",node="A"} 1\n');
  });
});

describe('classic client disposal', () => {
  it('closes the client at the end of an await using scope', async () => {
    let seen: aerospike.AsyncClient | undefined;
    {
      await using c = await connect();
      seen = c;
      expect(c.is_connected()).toBe(true);
    }
    expect(seen.is_connected()).toBe(false);
  });
});
