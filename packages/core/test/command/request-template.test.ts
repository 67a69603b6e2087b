import { Key } from '../../src/keys/key';
import { DEFAULT_READ_POLICY, DEFAULT_WRITE_POLICY } from '../../src/policy/policies';
import { readRequest, writeRequest } from '../../src/command/single-requests';
import { FieldType } from '../../src/wire/constants';

/** The fields of a single-record request: type → bytes, and how many the header announces. */
function fieldsOf(req: Buffer): { announced: number; fields: Map<number, Buffer> } {
  const announced = req.readUInt16BE(8 + 18);
  const fields = new Map<number, Buffer>();
  let off = 8 + 22;
  for (let i = 0; i < announced; i++) {
    const len = req.readUInt32BE(off);
    fields.set(req[off + 4] as number, req.subarray(off + 5, off + 4 + len));
    off += 4 + len;
  }
  return { announced, fields };
}

describe('namespace and set fields from the per-(namespace, set) template', () => {
  it('every request carries its own key’s namespace, set and digest, across many sets (beyond the cache bound) and no set', () => {
    const sets: Array<string | null> = [null];
    for (let i = 0; i < 1200; i++) sets.push(`set_${i}_é`);
    for (const round of [0, 1]) {
      for (const [i, set] of sets.entries()) {
        const ns = i % 2 === 0 ? 'test' : 'bar';
        const key = new Key(ns, set, `k${i}-${round}`);
        const req = i % 3 === 0 ? writeRequest(key, DEFAULT_WRITE_POLICY, { a: i }) : readRequest(key, DEFAULT_READ_POLICY, null);
        const { announced, fields } = fieldsOf(req);
        expect(announced).toBe(set === null ? 2 : 3);
        expect(fields.get(FieldType.NAMESPACE)?.toString('utf8')).toBe(ns);
        expect(fields.get(FieldType.SET)?.toString('utf8')).toBe(set ?? undefined);
        expect(fields.get(FieldType.DIGEST)).toEqual(key.digest);
        expect(req.readUIntBE(2, 6)).toBe(req.length - 8);
      }
    }
  });
});
