import { ConfigError } from './config-error';
import { booleanSetting, integerSetting, nonEmpty } from './environment-values';

describe('integer settings', () => {
  const read = (value: string | undefined, maximum?: number) =>
    integerSetting('SOME_MS', value, 42, { minimum: 1, maximum });

  it('take decimal digits, around spaces, with leading zeros as written', () => {
    expect(read('1000')).toBe(1000);
    expect(read(' 250 ')).toBe(250);
    expect(read('0080')).toBe(80);
  });

  it('fall back when unset or blank', () => {
    expect(read(undefined)).toBe(42);
    expect(read('  ')).toBe(42);
  });

  // Number() reads each of these as a number the operator did not write in decimal.
  it.each(['0x3911', '1e3', '0b1', '0o17', '1_000', '1.5', '1.0', '12abc', 'Infinity', '+5'])(
    'refuse %s, naming the variable and what it takes',
    (value) => {
      expect(() => read(value)).toThrow(ConfigError);
      expect(() => read(value)).toThrow(
        `Invalid configuration: SOME_MS must be an integer of at least 1 in decimal digits, got "${value}"`,
      );
    },
  );

  it('refuse values out of range, saying the range', () => {
    expect(() => read('0')).toThrow('SOME_MS must be an integer of at least 1');
    expect(() => read('-3')).toThrow('SOME_MS must be an integer of at least 1');
    expect(() => read('11', 10)).toThrow(
      'SOME_MS must be an integer from 1 to 10 in decimal digits, got "11"',
    );
    expect(read('10', 10)).toBe(10);
    expect(() => read('9007199254740993')).toThrow(ConfigError);
  });
});

describe('boolean settings', () => {
  it.each([
    ['true', true],
    ['On', true],
    ['1', true],
    ['no', false],
    ['FALSE', false],
    [undefined, true],
  ])('read %s as %s', (value, expected) => {
    expect(booleanSetting('FLAG', value, true)).toBe(expected);
  });

  it('refuse anything else, naming the variable', () => {
    expect(() => booleanSetting('FLAG', 'maybe', true)).toThrow('FLAG must be true or false, got "maybe"');
  });
});

describe('nonEmpty', () => {
  it('treats a blank value as unset', () => {
    expect(nonEmpty(' \t')).toBeUndefined();
    expect(nonEmpty(' x ')).toBe('x');
  });
});
