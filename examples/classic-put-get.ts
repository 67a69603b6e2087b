import * as aerospike from '@aerospike-ts/classic';

/** The classic (aerospike-py style) API: writes a record, reads it back and prints it. */
export async function main(hosts: string): Promise<void> {
  const seeds = hosts.split(',').map((h): [string, number] => [h.split(':')[0] ?? '127.0.0.1', Number(h.split(':')[1] ?? '3000')]);
  const client = await aerospike.client({ hosts: seeds }).connect();
  try {
    const key: aerospike.Key = ['test', 'demo', 'classic:1'];
    await client.put(key, { name: 'Bob', age: 41 });
    const record = await client.get(key);
    console.log('classic:', record.bins, `generation ${record.meta?.gen ?? 0}`);
    await client.remove(key);
  } finally {
    await client.close();
  }
}
