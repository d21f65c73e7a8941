import type { AccountEvent, LicenceEvent } from '@casetrail/domain';
import {
  LICENCE_IDS,
  licenceIssued,
  userInvited,
  userRegistered,
  userRemoved,
} from '@casetrail/domain/licences/testing/licence-events';
import type { RecordedEvent } from '@casetrail/eventstore';
import { ProjectionRunner } from '../projections/projection-runner';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { licenceThreadId, notificationMessageId } from './message-identity';
import { notificationsOutboxProjection } from './notifications-outbox.projection';
import { isInvitation, NOTIFICATION_OUTBOX, type OutboxNotification } from './outbox-notification';

const INVITED_AT = '2026-03-05T10:00:00.000Z';
const HOLDER = { email: 'holder@acme.example', name: 'Hannah Holder', roles: [] as string[] };

describe('notifications outbox projection: invitations to a licence', () => {
  let events: InMemoryEventStore;
  let readModels: SqliteReadModelStore;
  let runner: ProjectionRunner;
  const projection = notificationsOutboxProjection({ supportTeam: ['support-team@vendor.example'] });

  beforeEach(async () => {
    events = new InMemoryEventStore();
    readModels = new SqliteReadModelStore(':memory:');
    runner = new ProjectionRunner({
      eventStore: events,
      readModels,
      projections: [projection],
      pollIntervalMs: 5,
    });
    await runner.start();
  });

  afterEach(async () => {
    await runner.stop();
    await readModels.close();
  });

  async function appendLicence(licenceEvents: LicenceEvent[], actor = HOLDER): Promise<RecordedEvent[]> {
    for (const event of licenceEvents) {
      const metadata = {
        actor: actor.email,
        ...(actor.name ? { actorName: actor.name } : {}),
        actorRoles: actor.roles,
        correlationId: 'c',
        schemaVersion: 1,
      };
      await events.append('licence-lic-1', [{ ...event, metadata }], 'any');
    }
    expect(await runner.catchUp(5_000)).toBe(true);
    return events.readStream('licence-lic-1');
  }

  async function appendAccount(accountEvents: AccountEvent[]): Promise<void> {
    for (const event of accountEvents) {
      const metadata = { actor: 'admin@vendor.example', correlationId: 'c', schemaVersion: 1 };
      await events.append('account-acc-acme', [{ ...event, metadata }], 'any');
    }
    expect(await runner.catchUp(5_000)).toBe(true);
  }

  /** The invitations written (the licence's issue writes its holder's row too: test/notifications-licence-issued.e2e-spec.ts). */
  async function outbox(): Promise<OutboxNotification[]> {
    return (await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, { where: { kind: 'invitation' } }))
      .items;
  }

  it('writes one row, for the invitee only, naming the licence and who invited them', async () => {
    const recorded = await appendLicence([licenceIssued(), userInvited('sam@acme.example', INVITED_AT)]);
    const invitation = recorded[1];

    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: `${invitation.id}|sam@acme.example`,
      eventId: invitation.id,
      position: invitation.position,
      kind: 'invitation',
      licenceId: 'lic-1',
      recipient: 'sam@acme.example',
      recipientName: 'F L',
      audience: 'customer',
      reasons: ['invitee'],
      actor: { email: 'holder@acme.example', name: 'Hannah Holder', staff: false },
      licence: {
        licenceId: 'lic-1',
        accountId: 'acc-acme',
        product: 'Sitefinity CMS',
        edition: 'Online Marketing License',
      },
      occurredAt: INVITED_AT,
      messageId: notificationMessageId(invitation.id, 'sam@acme.example'),
      threadId: licenceThreadId('lic-1'),
    });
    expect(rows[0].change.type).toBe('LicensedUserAssigned');
  });

  it('tells of a change of permissions or a removal the user it is about, not the holder who made it (licence-change); an issuance its holder alone', async () => {
    await appendLicence([
      licenceIssued(),
      userInvited('sam@acme.example', INVITED_AT),
      userRegistered('sam@acme.example', '2026-03-05T11:00:00.000Z'),
      {
        type: 'LicensedUserPermissionsChanged',
        data: {
          ...LICENCE_IDS,
          email: 'sam@acme.example',
          permissions: { manageUsers: true, shareTickets: false, seeSharedTickets: false },
          previousPermissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
          at: '2026-03-05T12:00:00.000Z',
        },
      },
      userRemoved('sam@acme.example', '2026-03-05T13:00:00.000Z'),
    ]);
    const rows = (await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX)).items;
    expect(rows.map((row) => `${row.kind} ${row.recipient}`).sort()).toEqual([
      'invitation sam@acme.example',
      'licence-change sam@acme.example',
      'licence-change sam@acme.example',
      'licence-issued holder@acme.example',
    ]);
  });

  it('invites again a user removed and assigned again: they are pending again', async () => {
    await appendLicence([
      licenceIssued(),
      userInvited('sam@acme.example', INVITED_AT),
      userRemoved('sam@acme.example', '2026-03-05T13:00:00.000Z'),
      userInvited('sam@acme.example', '2026-03-06T09:00:00.000Z'),
    ]);
    expect((await outbox()).map((row) => row.occurredAt).sort()).toEqual([
      INVITED_AT,
      '2026-03-06T09:00:00.000Z',
    ]);
  });

  it('writes the row even when the invitee invited themselves: they too must complete their registration', async () => {
    await appendLicence([licenceIssued(), userInvited('holder@acme.example', INVITED_AT)]);
    expect((await outbox()).map((row) => row.recipient)).toEqual(['holder@acme.example']);
  });

  it('names the edition the licence has at the invitation, after an admin renamed it', async () => {
    await appendLicence([
      licenceIssued(),
      {
        type: 'LicenceTermsChanged',
        data: {
          ...LICENCE_IDS,
          terms: { edition: 'Enterprise License' },
          previousTerms: { edition: 'Online Marketing License' },
          at: '2026-03-04T00:00:00.000Z',
        },
      },
      userInvited('sam@acme.example', INVITED_AT),
    ]);
    expect((await outbox())[0]).toMatchObject({
      licence: { product: 'Sitefinity CMS', edition: 'Enterprise License' },
    });
  });

  it('says only the licence id when it never saw the licence issued (issued before it followed licences)', async () => {
    await appendLicence([userInvited('sam@acme.example', INVITED_AT)]);
    expect((await outbox())[0]).toMatchObject({
      licence: { licenceId: 'lic-1', accountId: 'acc-acme', product: null, edition: null },
    });
  });

  it("records the account's business time zone as it stood at each invitation, for the times it shows", async () => {
    const detailsChanged = (timeZone: string | null, at: string): AccountEvent => ({
      type: 'AccountDetailsChanged',
      data: { accountId: 'acc-acme', timeZone, at },
    });
    await appendAccount([
      {
        type: 'AccountRegistered',
        data: { accountId: 'acc-acme', name: 'Acme', timeZone: 'America/Los_Angeles', at: INVITED_AT },
      },
    ]);
    await appendLicence([licenceIssued(), userInvited('sam@acme.example', INVITED_AT)]);
    await appendAccount([detailsChanged('Europe/Sofia', '2026-03-05T11:00:00.000Z')]);
    await appendLicence([userInvited('tia@acme.example', '2026-03-05T12:00:00.000Z')]);
    // A change of name alone leaves the zone as it was; null is back to UTC.
    await appendAccount([
      { type: 'AccountDetailsChanged', data: { accountId: 'acc-acme', name: 'Acme Ltd', at: INVITED_AT } },
    ]);
    await appendLicence([userInvited('ugo@acme.example', '2026-03-05T13:00:00.000Z')]);
    await appendAccount([detailsChanged(null, '2026-03-05T14:00:00.000Z')]);
    await appendLicence([userInvited('vic@acme.example', '2026-03-05T15:00:00.000Z')]);

    const zones = Object.fromEntries(
      (await outbox()).map((row) => [row.recipient, isInvitation(row) ? row.licence.timeZone : 'not one']),
    );
    expect(zones).toEqual({
      'sam@acme.example': 'America/Los_Angeles',
      'tia@acme.example': 'Europe/Sofia',
      'ugo@acme.example': 'Europe/Sofia',
      'vic@acme.example': undefined,
    });
  });

  it('marks an invitation by vendor staff as such', async () => {
    await appendLicence([licenceIssued(), userInvited('sam@acme.example', INVITED_AT)], {
      email: 'ops@vendor.example',
      name: '',
      roles: ['admin'],
    });
    expect((await outbox())[0].actor).toEqual({ email: 'ops@vendor.example', staff: true });
  });

  it('adds nothing when an invitation is delivered again, and a rebuild writes the very same rows', async () => {
    const recorded = await appendLicence([licenceIssued(), userInvited('sam@acme.example', INVITED_AT)]);
    const before = await outbox();

    await readModels.applyBatch(projection.name, recorded, (event, tx) => projection.apply(event, tx));
    expect(await outbox()).toEqual(before);

    await runner.rebuild(projection.name);
    expect(await outbox()).toEqual(before);
  });
});
