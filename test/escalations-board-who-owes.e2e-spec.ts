import { projectionsCaughtUp } from './support/due-timers';
import { openCase } from './support/fault/seed';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';

/**
 * The duty manager's board (GET /v1/escalations) says whose queue each escalated case is in
 * (`assignee`), who owes its status updates now (`statusUpdatesOwedBy`, the rule the overdue alerts'
 * "Owed by" line follows) and how the acknowledgement was taken on (`acknowledgementReason`), all
 * declared in the OpenAPI document. Before, the rows had none of them: an escalation whose engineer
 * had handed the case back looked the same as one still being worked.
 */
describe('the escalations board shows the assignee, who owes the status updates and the acknowledgement reason', () => {
  const seeded = useSeededTestApp();
  const dan = 'dan@vendor.example';

  const boardEntryOf = async (caseId: string) => {
    const { status, body } = await seeded.send('GET', '/v1/escalations', seeded.world.engineerToken);
    expect(status).toBe(200);
    return (body as { items: Record<string, unknown>[] }).items.find((item) => item.caseId === caseId)!;
  };

  /** A case the customer escalated, Dan's token, and a step that must succeed on it. */
  const escalatedCase = async () => {
    const { send, world, t } = seeded;
    const danToken = await t.token(dan, ['engineer'], 'Dan Engineer');
    const caseId = await openCase(send, world);
    const ok = async (token: string, path: string, body: object = {}) =>
      expect((await send('POST', `/v1/cases/${caseId}/${path}`, token, body)).status).toBeLessThan(300);
    await ok(world.customerToken, 'escalations', { reason: 'production-impact', details: 'Orders lost' });
    return { caseId, danToken, ok };
  };

  it('names the acknowledger, then the engineer who took the case over, as owing the updates; the schema declares the columns', async () => {
    const { world, t } = seeded;
    const { caseId, danToken, ok } = await escalatedCase();
    expect(await boardEntryOf(caseId)).toMatchObject({
      assignee: null,
      acknowledgementReason: null,
      statusUpdatesOwedBy: null,
    });

    await ok(world.engineerToken, 'escalations/acknowledgement', {
      reason: 'Call booked with Jane at 10:00',
    });
    expect(await boardEntryOf(caseId)).toMatchObject({
      assignee: null,
      acknowledgedBy: world.engineerEmail,
      acknowledgementReason: 'Call booked with Jane at 10:00',
      statusUpdatesOwedBy: world.engineerEmail,
    });

    await ok(danToken, 'assignment', { engineer: dan, reason: 'Taking it over' });
    const row = await boardEntryOf(caseId);
    expect(row).toMatchObject({
      assignee: dan,
      acknowledgedBy: world.engineerEmail,
      statusUpdatesOwedBy: dan,
    });

    const docs = await OpenApiDocument.of(t.app);
    const itemSchema = docs.property(docs.okSchema('/v1/escalations'), 'items.[]');
    for (const column of ['assignee', 'statusUpdatesOwedBy', 'acknowledgementReason', 'lastStatusUpdateBy'])
      expect(Object.keys(itemSchema?.properties ?? {})).toContain(column);
    expect(new OpenApiValidator(docs).errors(itemSchema!, row)).toEqual([]);
  });
  it("shows on the case detail's escalation block who owes the updates, who posted the last one and the acknowledgement reason, as the board does (finding F11)", async () => {
    const { send, world, t } = seeded;
    const { caseId, danToken, ok } = await escalatedCase();
    await ok(world.engineerToken, 'escalations/acknowledgement', {
      reason: 'Call booked with Jane at 10:00',
    });
    await ok(danToken, 'escalations/status-updates', { body: 'Patch in test' });

    const detail = await send('GET', `/v1/cases/${caseId}`, world.engineerToken);
    const escalation = (detail.body as { escalation: Record<string, unknown> }).escalation;
    const row = await boardEntryOf(caseId);
    expect(escalation).toMatchObject({
      acknowledgementReason: 'Call booked with Jane at 10:00',
      lastStatusUpdateBy: dan,
      statusUpdatesOwedBy: dan,
    });
    for (const field of ['acknowledgementReason', 'lastStatusUpdateBy', 'statusUpdatesOwedBy'])
      expect(escalation[field]).toEqual(row[field]);

    const docs = await OpenApiDocument.of(t.app);
    const declared = Object.keys(docs.document.components.schemas.EscalationViewDto?.properties ?? {});
    expect(declared).toEqual(
      expect.arrayContaining(['acknowledgementReason', 'lastStatusUpdateBy', 'statusUpdatesOwedBy']),
    );
  });
  it("says of each row's assignee whether the desk vouches for them, as the queue rows do, and declares it (finding F2)", async () => {
    const { send, world, t } = seeded;
    const outsider = 'olga.outsider@elsewhere.example';
    const { caseId, danToken, ok } = await escalatedCase();
    // Assigned, by an earlier release, to someone nothing vouches for as staff.
    await appendLegacyAssignment(t, caseId, {
      engineer: outsider,
      by: world.engineerEmail,
      correlationId: 'f2',
    });
    await projectionsCaughtUp(t);
    const unvouched = await boardEntryOf(caseId);
    expect(unvouched).toMatchObject({ assignee: outsider, assigneeVouched: false });
    const queueRow = (
      (await send('GET', '/v1/queues/escalated', world.engineerToken)).body as {
        items: Record<string, unknown>[];
      }
    ).items.find((item) => item.id === caseId)!;
    expect(unvouched.assigneeNotVouchedReason).toBe(queueRow.assigneeNotVouchedReason);
    expect(unvouched.assigneeNotVouchedReason).toContain(`${outsider} is vouched for as staff by nothing`);

    // Dan takes the case himself: vouched for.
    await ok(danToken, 'assignment', { engineer: dan, reason: 'Taking it over' });
    const vouched = await boardEntryOf(caseId);
    expect(vouched).toMatchObject({ assignee: dan, assigneeVouched: true });
    expect(vouched.assigneeNotVouchedReason).toBeUndefined();

    const docs = await OpenApiDocument.of(t.app);
    const itemSchema = docs.property(docs.okSchema('/v1/escalations'), 'items.[]');
    expect(Object.keys(itemSchema?.properties ?? {})).toEqual(
      expect.arrayContaining(['assigneeVouched', 'assigneeNotVouchedReason']),
    );
    expect(new OpenApiValidator(docs).errors(itemSchema!, unvouched)).toEqual([]);
  });
});
