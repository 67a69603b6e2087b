import { InvalidArgumentError } from '../errors/client-errors.js';
import { MsgPackWriter } from '../values/msgpack-writer.js';
import type { CdtContext } from './cdt-context.js';

const writer = new MsgPackWriter(256);

/**
 * Packs a collection/bit/HLL operation payload: `[code, ...args]`, or
 * `[0xff, ctx, [code, ...args]]` with a context. Argument values may include WILDCARD and
 * INFINITY.
 * @throws InvalidArgumentError for an unsupported argument value.
 */
export function packCdt(what: string, ctx: CdtContext | undefined, code: number, args: readonly unknown[]): Buffer {
  writer.reset();
  if (ctx !== undefined && ctx.length > 0) {
    writer.writeArrayHeader(3);
    writer.writeInt(0xff);
    writeContext(writer, ctx, what);
  }
  writer.writeArrayHeader(1 + args.length);
  writer.writeInt(code);
  for (let i = 0; i < args.length; i++) writer.writeValue(args[i], `${what} argument ${i + 1}`, { allowSpecial: true });
  return writer.toBuffer();
}

/** Writes a context as the flat array `[id1, value1, id2, value2, …]`. */
export function writeContext(w: MsgPackWriter, ctx: CdtContext, what: string): void {
  if (!Array.isArray(ctx)) throw new InvalidArgumentError(`${what}: context must be a list of context items`);
  w.writeArrayHeader(ctx.length * 2);
  for (const c of ctx) {
    w.writeInt(c.id);
    w.writeValue(c.value, `${what} context`, { allowSpecial: true });
  }
}

/** The packed bare context (for secondary indexes on nested elements). */
export function packContext(ctx: CdtContext): Buffer {
  writer.reset();
  writeContext(writer, ctx, 'context');
  return writer.toBuffer();
}
