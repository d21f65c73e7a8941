import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from './problem-details.filter';

/** better-sqlite3's error once the busy timeout has passed with another process holding the lock. */
const databaseIsLocked = () =>
  Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });

/** What a client gets, and what the log gets, when `exception` ends a request. */
function answerTo(exception: unknown) {
  const sent: {
    status?: number;
    headers: Record<string, string>;
    body?: { type: string; title: string; detail: string };
  } = { headers: {} };
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    header: (name: string, value: string) => ((sent.headers[name] = value), reply),
    send: (body: NonNullable<typeof sent.body>) => ((sent.body = body), reply),
  };
  const request = { method: 'POST', url: '/v1/cases', is404: false } as FastifyRequest;
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  try {
    new ProblemDetailsFilter().send(exception, request, reply as unknown as FastifyReply);
    return {
      ...sent,
      warnings: warn.mock.calls.map(([message]) => String(message)),
      errors: error.mock.calls,
    };
  } finally {
    warn.mockRestore();
    error.mockRestore();
  }
}

describe('a 503 storage busy', () => {
  it('says the storage is busy and nothing was written, and when to retry', () => {
    const answer = answerTo(databaseIsLocked());
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      type: 'https://casetrail.dev/problems/storage-busy',
      title: 'Storage busy',
    });
    expect(answer.body!.detail).toContain('another process holds a lock on it, so nothing was written');
  });

  it('is logged as a warning naming the request, without a stack; other 5xx stay errors', () => {
    const busy = answerTo(databaseIsLocked());
    expect(busy.errors).toEqual([]);
    expect(busy.warnings).toEqual([
      'POST /v1/cases answered 503: the storage is busy, another process holds a lock (database is locked)',
    ]);

    const damaged = answerTo(
      Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }),
    );
    expect(damaged.status).toBe(503);
    expect(damaged.headers['retry-after']).toBeUndefined();
    expect(damaged.errors).toHaveLength(1);
    expect(damaged.warnings).toEqual([]);
  });
});
