import type { RecordedEvent } from '@casetrail/eventstore';
import { firstValueFrom, from, toArray } from 'rxjs';
import { CaseEventOccurred } from './case-event-occurred.event';
import { FireDueCaseTimers } from './fire-due-case-timers.command';
import { SlaTimersSaga } from './sla-timers.saga';

const recorded = (caseId: string, position: number): RecordedEvent => ({
  id: `event-${position}`,
  stream: `case-${caseId}`,
  revision: 0,
  position,
  type: 'CommentAdded',
  data: { caseId, at: '2026-03-02T09:00:00.000Z', by: 'eve@vendor.example' },
  metadata: { actor: 'eve@vendor.example', correlationId: 'c', schemaVersion: 1 },
  recordedAt: '2026-03-02T09:00:00.000Z',
});

describe('SlaTimersSaga', () => {
  it("turns every case event from the log into a check of that case's due timers, as of its position", async () => {
    const events$ = from([
      new CaseEventOccurred(recorded('case-1', 7)),
      { unrelated: true },
      new CaseEventOccurred(recorded('case-2', 9)),
    ]);

    const commands = await firstValueFrom(new SlaTimersSaga().caseChanged(events$).pipe(toArray()));

    expect(commands).toEqual([new FireDueCaseTimers('case-1', 7), new FireDueCaseTimers('case-2', 9)]);
  });
});
