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
