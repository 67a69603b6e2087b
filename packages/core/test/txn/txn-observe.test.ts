import { Key } from '../../src/keys/key';
import { FieldType, MessageType } from '../../src/wire/constants';
import { Txn } from '../../src/txn/txn';
import { observeTxnReply, txnFieldsFor } from '../../src/txn/txn-observe';

const k = new Key('test', 's', 1);

function frame(resultCode: number, version: bigint | null): Buffer {
  const field = version === null ? Buffer.alloc(0) : Buffer.alloc(12);
  if (version !== null) {
    field.writeUInt32BE(8, 0);
    field[4] = FieldType.RECORD_VERSION;
    for (let i = 0; i < 7; i++) field[5 + i] = Number((version >> BigInt(8 * i)) & 0xffn);
  }
  const head = Buffer.alloc(30);
  head[0] = 2;
  head[1] = MessageType.AS_MSG;
  head.writeUIntBE(22 + field.length, 2, 6);
  head[8] = 22;
  head[13] = resultCode;
  head.writeUInt16BE(version === null ? 0 : 1, 26);
  return Buffer.concat([head, field]);
}

describe('transaction bookkeeping of commands', () => {
  it('gives no fields outside a transaction and binds the namespace inside one', () => {
    expect(txnFieldsFor(undefined, k, true)).toBeUndefined();
    const t = new Txn({ id: 5n });
    expect(txnFieldsFor(t, k, false)).toEqual({ id: 5n, version: null, deadline: 0 });
    expect(() => txnFieldsFor(t, new Key('bar', 's', 1), false)).toThrow(/one namespace/);
  });

  it('keeps the version of a read, and moves a written key to the write set', () => {
    const t = new Txn();
    observeTxnReply(t, k, false, frame(0, 42n));
    expect(t.fieldsFor(k, false).version).toBe(42n);
    observeTxnReply(t, k, true, frame(0, null));
    expect(t.reads.size).toBe(0);
    expect(t.writes.size).toBe(1);
    const t2 = new Txn();
    observeTxnReply(t2, k, false, frame(2, null));
    observeTxnReply(t2, k, true, frame(25, null));
    expect([t2.reads.size, t2.writes.size]).toEqual([0, 0]);
  });
});
