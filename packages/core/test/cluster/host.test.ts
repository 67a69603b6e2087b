import { parseHost, parseHosts } from '../../src/cluster/host';
import { InvalidArgumentError } from '../../src/errors/client-errors';

describe('hosts', () => {
  it('parses host lists in every accepted form', () => {
    expect(parseHosts('h1:3000, h2:3100')).toEqual([{ host: 'h1', port: 3000 }, { host: 'h2', port: 3100 }]);
    expect(parseHosts('h1')).toEqual([{ host: 'h1', port: 3000 }]);
    expect(parseHost('h1:tls.example:4333')).toEqual({ host: 'h1', port: 4333, tlsName: 'tls.example' });
    expect(parseHost('[::1]:3000')).toEqual({ host: '::1', port: 3000 });
    expect(parseHost('[::1]:name:3000')).toEqual({ host: '::1', port: 3000, tlsName: 'name' });
    expect(parseHosts(['a:1', { host: 'b', port: 2 }])).toEqual([{ host: 'a', port: 1 }, { host: 'b', port: 2 }]);
  });

  it.each([
    ['', /at least one seed/],
    ['h:0', /from 1 to 65535/],
    ['h:x', /from 1 to 65535/],
    ['h:a:b:1', /too many/],
    ['[::1', /unclosed/]
  ])('rejects %p', (text, msg) => {
    expect(() => parseHosts(text)).toThrow(InvalidArgumentError);
    expect(() => parseHosts(text)).toThrow(msg);
  });

  it('rejects a non-string, non-list setting', () => {
    expect(() => parseHosts(42 as unknown as string)).toThrow(/hosts must be a string/);
  });
});
