import { Behavior, Client, DataSet } from '@aerospike-ts/fluent';

/** The fluent (session and builder) API: writes a record, reads it back and prints it. */
export async function main(hosts: string): Promise<void> {
  const client = await new Client(hosts).connect();
  try {
    const session = client.createSession(Behavior.DEFAULT);
    const users = DataSet.of('test', 'demo');
    await session.upsert(users.id('fluent:1')).bin('name').setTo('Carol').bin('age').setTo(35).execute();
    const carol = await session.get(users.id('fluent:1'));
    console.log('fluent:', carol?.bins);
    await session.delete(users.id('fluent:1')).execute();
  } finally {
    await client.close();
  }
}
