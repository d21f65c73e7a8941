import type { RecordedEvent } from '@casetrail/eventstore';
import { historyEntries } from './case-history';

const metadata = {
  actor: 'alice@acme.example',
  actorName: 'Alice',
  actorRoles: [],
  correlationId: 'c-1',
  requestHash: 'ab'.repeat(32),
  schemaVersion: 1,
  hashFormat: 2,
  hash: 'f'.repeat(64),
  previousHash: '0'.repeat(64),
  reason: 'Runs the rollout',
};

function event(type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    id: 'e-1',
    stream: 'case-1',
    revision: 3,
    position: 42,
    type,
    data: { caseId: '1', at: '2026-03-02T09:00:00.000Z', by: 'alice@acme.example', ...data },
    metadata,
    recordedAt: '2026-03-02T09:00:00.010Z',
  };
}

describe("a case history's entries, as each viewer reads them", () => {
  const sueShared = event('CaseShared', {
    email: 'sue@consultancy.example',
    name: 'Sue',
    reason: 'Runs the rollout',
  });

  it("withholds another person's share from a share-only viewer, keeping its place and links", () => {
    const [entry] = historyEntries([sueShared], { staff: false, shareOnly: 'sam@partner.example' });
    // No log position either: customers read none (see HistoryEntry.position).
    expect(entry).toEqual({
      revision: 3,
      id: 'e-1',
      type: 'CaseShared',
      time: '2026-03-02T09:00:00.010Z',
      at: '2026-03-02T09:00:00.010Z',
      actor: 'redacted',
      data: { caseId: '1', at: '2026-03-02T09:00:00.000Z', redacted: "another person's share" },
      hash: metadata.hash,
      previousHash: metadata.previousHash,
      schemaVersion: 1,
      stream: 'case-1',
      metadata: { schemaVersion: 1, hashFormat: 2 },
    });
  });

  it('shows a share-only viewer their own share whole, however the address was spelt when stored', () => {
    const own = event('CaseUnshared', { email: 'Sue@Consultancy.example' });
    const [entry] = historyEntries([own], { staff: false, shareOnly: 'sue@consultancy.example' });
    expect(entry).toMatchObject({ actor: 'alice@acme.example', reason: 'Runs the rollout', data: own.data });
  });

  it('shows every share whole to everyone else who sees the case', () => {
    for (const viewer of [{ staff: false }, { staff: true }]) {
      const [entry] = historyEntries([sueShared], viewer);
      expect(entry.data).toEqual(sueShared.data);
      expect(entry.correlationId).toBe('c-1');
    }
  });

  it('still withholds an internal note’s text, and only that, from a customer', () => {
    const note = event('CommentAdded', { commentId: 'n-1', body: 'Secret', internal: true });
    const [entry] = historyEntries([note], { staff: false, shareOnly: 'sam@partner.example' });
    expect(entry).toMatchObject({ actor: 'alice@acme.example', correlationId: 'c-1' });
    expect(entry.data).toEqual({
      caseId: '1',
      commentId: 'n-1',
      internal: true,
      at: '2026-03-02T09:00:00.000Z',
      redacted: 'internal note',
    });
    expect(entry.metadata).not.toHaveProperty('requestHash');
  });

  describe("the account's licence terms, to a reader from outside the account", () => {
    const outsider = { staff: false, shareOnly: 'dave@globex.example', licenceTermsWithheld: true };
    const opened = event('CaseOpened', {
      title: 'Checkout fails',
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'mission-critical',
      missionCritical: true,
      calendar: 'globex-plant-shutdown',
    });
    const coverChanged = event('MissionCriticalChanged', { missionCritical: true });

    it("withholds the opening's edition, plan, cover and calendar, and the random values a guess would have to match", () => {
      const [entry] = historyEntries([opened], outsider);
      expect(entry.data).toEqual({
        ...(opened.data as object),
        edition: null,
        plan: null,
        missionCritical: null,
        calendar: null,
        redacted: "the account's licence terms",
      });
      expect(entry).toMatchObject({ actor: 'alice@acme.example', revision: 3, hash: metadata.hash });
      expect(entry).not.toHaveProperty('correlationId');
      expect(entry.metadata).toEqual({
        actor: 'alice@acme.example',
        actorName: 'Alice',
        actorRoles: [],
        schemaVersion: 1,
        hashFormat: 2,
        reason: 'Runs the rollout',
      });
    });

    it('withholds a Mission Critical change whole, keeping its place in the chain', () => {
      const [entry] = historyEntries([coverChanged], outsider);
      expect(entry.data).toEqual({
        caseId: '1',
        at: '2026-03-02T09:00:00.000Z',
        redacted: "the account's licence terms",
      });
      expect(entry).toMatchObject({ type: 'MissionCriticalChanged', hash: metadata.hash });
    });

    it("shows both whole to the account's own people and to staff", () => {
      for (const viewer of [{ staff: false }, { staff: true }]) {
        const entries = historyEntries([opened, coverChanged], viewer);
        expect(entries.map((entry) => entry.data)).toEqual([opened.data, coverChanged.data]);
      }
    });
  });
});
