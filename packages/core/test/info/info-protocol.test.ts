import { encodeInfoRequest, parseInfoReply, parseInfoError } from '../../src/info/info-protocol';
import { InvalidArgumentError, ParseError } from '../../src/errors/client-errors';
import { writeProtoHeader } from '../../src/wire/proto-header';

function reply(text: string, type = 1): Buffer {
  const body = Buffer.from(text);
  const f = Buffer.alloc(8 + body.length);
  writeProtoHeader(f, 0, type, body.length);
  body.copy(f, 8);
  return f;
}

describe('info protocol', () => {
  it('encodes commands each followed by a newline', () => {
    expect(encodeInfoRequest(['node', 'build']).toString('hex')).toBe('02010000000000' + '0b' + Buffer.from('node\nbuild\n').toString('hex'));
    expect(encodeInfoRequest([]).length).toBe(8);
  });

  it('rejects commands with newlines or lone surrogates', () => {
    expect(() => encodeInfoRequest(['a\nb'])).toThrow(InvalidArgumentError);
    expect(() => encodeInfoRequest(['a\ud800'])).toThrow(InvalidArgumentError);
  });

  it('parses name/value lines, keeping tabs inside values and names without values', () => {
    const m = parseInfoReply(reply('node\tBB9\nfeatures\ta;b\nempty\nodd\tx\ty\n'));
    expect([...m]).toEqual([['node', 'BB9'], ['features', 'a;b'], ['empty', ''], ['odd', 'x\ty']]);
  });

  it('refuses a non-info frame', () => {
    expect(() => parseInfoReply(reply('x', 3))).toThrow(ParseError);
  });

  it('recognises error values', () => {
    expect(parseInfoError('ERROR:4:bad-param')).toEqual({ code: 4, message: 'bad-param' });
    expect(parseInfoError('ERROR::not found')).toEqual({ code: 1, message: 'not found' });
    expect(parseInfoError('FAIL:201:no index')).toEqual({ code: 201, message: 'no index' });
    expect(parseInfoError('ok')).toBeUndefined();
    expect(parseInfoError('BB9000')).toBeUndefined();
  });

  it('an error code too large to be a result code is a generic server error (fuzz regression: was Infinity)', () => {
    expect(parseInfoError(`ERROR:${'9'.repeat(400)}:x`)).toEqual({ code: 1, message: 'x' });
    expect(parseInfoError(`ERROR:-${'9'.repeat(20)}`)).toEqual({ code: 1, message: '' });
    expect(parseInfoError('ERROR:-2:neg')).toEqual({ code: -2, message: 'neg' });
  });
});
