import { nestLogLevels } from './log-levels';

describe('LOG_LEVEL as Nest log levels', () => {
  it.each([
    ['fatal', ['fatal']],
    ['error', ['fatal', 'error']],
    ['warn', ['fatal', 'error', 'warn']],
    ['info', ['fatal', 'error', 'warn', 'log']],
    ['debug', ['fatal', 'error', 'warn', 'log', 'debug']],
    ['trace', ['fatal', 'error', 'warn', 'log', 'debug', 'verbose']],
  ])('%s shows itself and every more severe level', (logLevel, levels) => {
    expect(nestLogLevels(logLevel)).toEqual(levels);
  });

  it('silent shows nothing', () => {
    expect(nestLogLevels('silent')).toBe(false);
  });
});
