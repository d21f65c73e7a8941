import { normalizeEmail, requireEmail, sameEmail } from './email-address';

describe('email addresses: one spelling per person', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Jane.Doe@ACME.example ')).toBe('jane.doe@acme.example');
  });

  it('composes Unicode: a letter typed with a combining mark is the same letter', () => {
    expect(normalizeEmail('zoe\u0308@acme.example')).toBe('zo\u00eb@acme.example');
    expect(sameEmail('zoe\u0308@acme.example', 'Zo\u00cb@acme.example')).toBe(true);
  });

  it('reads an internationalised domain in Unicode, however it was spelled', () => {
    expect(normalizeEmail('zoë@xn--bcher-kva.example')).toBe('zoë@bücher.example');
    expect(sameEmail('zoë@XN--BCHER-KVA.example', 'zoe\u0308@bu\u0308cher.example')).toBe(true);
    expect(requireEmail('Zoë@xn--bcher-kva.example', 'email')).toBe('zoë@bücher.example');
  });

  it('leaves what is no address as typed (validation refuses it)', () => {
    expect(normalizeEmail('not an address')).toBe('not an address');
    expect(() => requireEmail('jane@not a domain', 'email')).toThrow('email must be a valid email address');
  });
});
