import { connect } from 'node:net';

/** Sends raw bytes to a port and collects what comes back until the server closes or `until` is satisfied. */
export function rawExchange(port: number, bytes: Buffer, until: (got: Buffer) => boolean): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.write(bytes));
    let data = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      data = Buffer.concat([data, d]);
      if (until(data)) {
        s.destroy();
        resolve({ data, closed: false });
      }
    });
    s.on('close', () => resolve({ data, closed: true }));
    s.on('error', reject);
  });
}

/** One whole proto frame has arrived. */
export function wholeFrame(got: Buffer): boolean {
  return got.length >= 8 && got.length >= 8 + got.readUIntBE(2, 6);
}

/** Recorded official-client traffic with a real 8.1 CE server (the shared fixtures). */
export interface RecordedFixture {
  steps: Array<{ name: string; exchanges: Array<{ request: { type: number; hex: string }; responses: Array<{ length: number; hex: string }> }> }>;
}

/**
 * The messages of a reply in the order they came, each as hex with its void time zeroed
 * (it depends on when the record was written).
 */
export function replyMessages(reply: Buffer): string[] {
  const out: string[] = [];
  let f = 0;
  while (f + 8 <= reply.length) {
    const end = f + 8 + reply.readUIntBE(f + 2, 6);
    if (end > reply.length) break;
    let m = f + 8;
    while (m + 22 <= end) {
      let p = m + 22;
      const items = reply.readUInt16BE(m + 18) + reply.readUInt16BE(m + 20);
      for (let i = 0; i < items; i++) p += 4 + reply.readUInt32BE(p);
      const msg = Buffer.from(reply.subarray(m, p));
      msg.fill(0, 10, 14);
      out.push(msg.toString('hex'));
      m = p;
    }
    f = end;
  }
  return out;
}
