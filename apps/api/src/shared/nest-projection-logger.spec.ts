import type { Logger } from '@nestjs/common';
import { nestProjectionLogger } from './nest-projection-logger';

describe('nestProjectionLogger', () => {
  it("writes each line with its context, so a failed projection's log says why", () => {
    const lines: string[] = [];
    const record = (line: string) => void lines.push(line);
    const logger = { debug: record, log: record, warn: record, error: record } as unknown as Logger;

    const projection = nestProjectionLogger(logger);
    projection.error('projection failed; will retry', { error: 'built by version 1' });
    projection.info('projection active');

    expect(lines).toEqual([
      'projection failed; will retry {"error":"built by version 1"}',
      'projection active',
    ]);
  });
});
