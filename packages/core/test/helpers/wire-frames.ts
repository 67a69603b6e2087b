import { deflateSync } from 'node:zlib';
import { writeProtoHeader } from '../../src/wire/proto-header';

/**
 * A type-4 (compressed) frame around `inner` as the server sends one: proto header, the
 * inflated size as a u64, then the zlib stream. Unlike `compressRequest`, it always
 * compresses, whatever the size, and takes any bytes as the inner frame.
 */
export function compressedFrame(inner: Buffer): Buffer {
  const z = deflateSync(inner);
  const f = Buffer.alloc(16 + z.length);
  writeProtoHeader(f, 0, 4, 8 + z.length);
  f.writeBigUInt64BE(BigInt(inner.length), 8);
  z.copy(f, 16);
  return f;
}
