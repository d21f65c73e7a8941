import { consoleLogger, nestLogLevels } from './log-levels';

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

describe('LOG_FORMAT', () => {
  /** What a logger writes to stdout for one `log` call. */
  function written(logger: ReturnType<typeof consoleLogger>): string {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(chunk.toString());
      return true;
    });
    try {
      if (logger) logger.log('Projections caught up', 'Projector');
    } finally {
      spy.mockRestore();
    }
    return lines.join('');
  }

  it('json writes one JSON object a line, with level, context, message and a timestamp', () => {
    const line = written(consoleLogger('info', 'json', {}, true));
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({
      level: 'log',
      context: 'Projector',
      message: 'Projections caught up',
      timestamp: expect.any(Number),
    });
  });

  it('text is coloured on a terminal only, and never with NO_COLOR', () => {
    expect(written(consoleLogger('info', 'text', {}, true))).toContain('\u001b[');
    expect(written(consoleLogger('info', 'text', {}, false))).not.toContain('\u001b[');
    expect(written(consoleLogger('info', 'text', { NO_COLOR: '1' }, true))).not.toContain('\u001b[');
    expect(written(consoleLogger('info', 'text', {}, false))).toContain('Projections caught up');
  });

  it('silent logs nothing', () => {
    expect(consoleLogger('silent', 'json')).toBe(false);
  });
});
