import { Logger } from '@nestjs/common';
import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import type { ReadModelStore } from '@casetrail/readmodels';
import { CalendarsInUse } from './calendars-in-use';

/**
 * The start's background read of the calendars in use must end quietly when the process stops: a
 * store closed under it is the shutdown, not a problem worth a warning in every stop's log.
 */
describe('CalendarsInUse at shutdown', () => {
  afterEach(() => jest.restoreAllMocks());

  it('given a stop while the start reads page after page, then it stops reading and warns of nothing', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let closed = false;
    let pagesRead = 0;
    const readModels = {
      find: () => {
        if (closed) return Promise.reject(new TypeError('The database connection is not open'));
        pagesRead++;
        return Promise.resolve({ items: [{ calendar: null }], nextCursor: `after-${pagesRead}` });
      },
    } as unknown as ReadModelStore;
    const calendars = new CalendarsInUse(readModels, DEFAULT_SUPPORT_POLICY);

    calendars.onApplicationBootstrap();
    await new Promise((resolve) => setImmediate(resolve));
    // The store closes as the process stops: whichever comes first, the read ends quietly.
    closed = true;
    calendars.onApplicationShutdown();
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));

    expect(pagesRead).toBeGreaterThan(0);
    expect(warn).not.toHaveBeenCalled();
  });
});
