import {
  AerospikeError,
  ServerError,
  RecordNotFoundError,
  RecordExistsError,
  EnterpriseOnlyError,
  SecurityNotSupportedError,
  AuthenticationError,
  IndexError,
  serverError
} from '../../src/errors/index';
import type * as ErrorsModule from '../../src/errors/index';
import { InvalidArgumentError, TimeoutError, ClientError } from '../../src/errors/client-errors';
import { ResultCode, resultCodeName, keepsConnection } from '../../src/errors/result-code';

describe('errors', () => {
  it('maps result codes to classes that carry the code', () => {
    const e = serverError(2, { node: 'n1', detail: 'test:demo:1' });
    expect(e).toBeInstanceOf(RecordNotFoundError);
    expect(e).toBeInstanceOf(ServerError);
    expect(e).toBeInstanceOf(AerospikeError);
    expect(e).toBeInstanceOf(Error);
    expect(e.resultCode).toBe(2);
    expect(e.inDoubt).toBe(false);
    expect(e.node).toBe('n1');
    expect(e.name).toBe('RecordNotFoundError');
    expect(e.message).toBe('Record not found: test:demo:1');
    expect(e.resultCodeName).toBe('KEY_NOT_FOUND_ERROR');
    expect(serverError(5)).toBeInstanceOf(RecordExistsError);
    expect(serverError(25)).toBeInstanceOf(EnterpriseOnlyError);
    expect(serverError(51)).toBeInstanceOf(SecurityNotSupportedError);
    expect(serverError(62)).toBeInstanceOf(AuthenticationError);
    expect(serverError(204)).toBeInstanceOf(IndexError);
    expect(serverError(199)).toBeInstanceOf(ServerError);
  });

  it('says what to do for common codes', () => {
    expect(serverError(25).message).toMatch(/Community Edition/);
    expect(serverError(5).message).toMatch(/update or replace/);
  });

  it('does not confuse sibling classes', () => {
    const e = serverError(2);
    expect(e).not.toBeInstanceOf(RecordExistsError);
    expect(e).not.toBeInstanceOf(ClientError);
    expect(new InvalidArgumentError('x')).not.toBeInstanceOf(ServerError);
    expect(new TimeoutError('t', 'socket')).toBeInstanceOf(ClientError);
    expect({}).not.toBeInstanceOf(AerospikeError);
    expect(new Error('plain')).not.toBeInstanceOf(AerospikeError);
  });

  it('matches instances created by another copy of the module (ESM vs CJS)', () => {
    let other: typeof ErrorsModule | undefined;
    jest.isolateModules(() => {
      other = jest.requireActual<typeof ErrorsModule>('../../src/errors/index');
    });
    const copy = other as typeof ErrorsModule;
    expect(copy.RecordNotFoundError).not.toBe(RecordNotFoundError);
    const foreign = copy.serverError(2);
    expect(foreign).toBeInstanceOf(RecordNotFoundError);
    expect(foreign).toBeInstanceOf(AerospikeError);
    expect(foreign).not.toBeInstanceOf(RecordExistsError);
    expect(serverError(2)).toBeInstanceOf(copy.AerospikeError);
  });

  it('names codes and knows which keep the connection', () => {
    expect(resultCodeName(ResultCode.RECORD_TOO_BIG)).toBe('RECORD_TOO_BIG');
    expect(resultCodeName(999)).toBe('UNKNOWN_999');
    expect(keepsConnection(2)).toBe(true);
    expect(keepsConnection(ResultCode.SCAN_ABORT)).toBe(false);
    expect(keepsConnection(ResultCode.PARSE_ERROR)).toBe(false);
  });
});
