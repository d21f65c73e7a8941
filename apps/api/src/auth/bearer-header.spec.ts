import { readBearerHeader } from './bearer-header';

describe('readBearerHeader', () => {
  it('reads one token after the Bearer scheme, in any case, with spaces around', () => {
    expect(readBearerHeader('Bearer abc.def.ghi')).toEqual({ kind: 'token', token: 'abc.def.ghi' });
    expect(readBearerHeader('bearer   abc ')).toEqual({ kind: 'token', token: 'abc' });
  });

  it('takes Bearer followed by anything but one token for a bad token given', () => {
    expect(readBearerHeader('Bearer abc def')).toEqual({ kind: 'bad' });
  });

  it('finds no token without the header, with another scheme, or with the bare scheme', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer   ', 'Basic dXNlcjpwYXNz', ['Bearer abc']])
      expect(readBearerHeader(header)).toEqual({ kind: 'none' });
  });
});
