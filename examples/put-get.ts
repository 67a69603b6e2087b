import { AerospikeClient, Key } from '@aerospike-ts/core';

/** Writes a record, reads it back and prints it. */
export async function main(hosts: string): Promise<void> {
  const client = new AerospikeClient({ hosts });
  await client.connect();
  try {
    const key = new Key('test', 'demo', 'user:1');
    await client.put(key, { name: 'Alice', age: 30, tags: ['admin', 'ops'] }, { ttl: 3600 });
    const record = await client.get(key);
    console.log(record.bins, `generation ${record.generation}, ttl ${record.ttl}s`);
    await client.remove(key);
  } finally {
    await client.close();
  }
}

if (require.main === module) {
  main(process.env['AEROSPIKE_HOSTS'] ?? '127.0.0.1:3000').catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
