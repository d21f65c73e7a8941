import { openCase } from './support/fault/seed';
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

  it('names the acknowledger, then the engineer who took the case over, as owing the updates; the schema declares the columns', async () => {
    const { send, world, t } = seeded;
    const danToken = await t.token(dan, ['engineer'], 'Dan Engineer');
    const caseId = await openCase(send, world);
    const ok = async (token: string, path: string, body: object = {}) =>
      expect((await send('POST', `/v1/cases/${caseId}/${path}`, token, body)).status).toBeLessThan(300);
    await ok(world.customerToken, 'escalations', { reason: 'production-impact', details: 'Orders lost' });
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
});
