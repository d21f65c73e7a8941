import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';

/**
 * The case detail's `escalation` block of an ended escalation keeps who acknowledged it, when, and
 * its last status update, and says who ended it, as GET /v1/cases/{caseId}/escalations/{level} and
 * the escalations board do (findings U2). Before, de-escalating left only the raise and the end.
 */
describe("the case detail's escalation block keeps the acknowledgement once the escalation ends", () => {
  const seeded = useSeededTestApp();

  it('shows acknowledgedBy, acknowledgedAt, lastStatusUpdateAt and endedBy after the de-escalation, as the level resource does', async () => {
    const { send, world, t } = seeded;
    const caseId = await openCase(send, world);
    const ok = async (path: string, body: object = {}, token = world.engineerToken) =>
      expect((await send('POST', `/v1/cases/${caseId}/${path}`, token, body)).status).toBeLessThan(300);
    await ok('escalations', { reason: 'production-impact', details: 'Orders lost' }, world.customerToken);
    await ok('escalations/acknowledgement', { reason: 'On the phone with Jane' });
    await ok('escalations/status-updates', { body: 'Rolled back the release' });
    const detail = async () =>
      (await send('GET', `/v1/cases/${caseId}`, world.engineerToken)).body as {
        escalation: Record<string, unknown>;
      };
    const open = (await detail()).escalation;

    await ok('escalations/de-escalation', { reason: 'Stable since the rollback' });
    const answer = await detail();
    expect(answer.escalation).toMatchObject({
      status: 'de-escalated',
      acknowledgedAt: open.acknowledgedAt,
      acknowledgedBy: world.engineerEmail,
      lastStatusUpdateAt: open.lastStatusUpdateAt,
      endReason: 'Stable since the rollback',
      endedBy: world.engineerEmail,
    });
    expect(answer.escalation).not.toHaveProperty('nextStatusUpdateDueAt');
    const level = (await send('GET', `/v1/cases/${caseId}/escalations/1`, world.engineerToken)).body;
    expect(level).toMatchObject({
      acknowledgedAt: answer.escalation.acknowledgedAt,
      acknowledgedBy: answer.escalation.acknowledgedBy,
      lastStatusUpdateAt: answer.escalation.lastStatusUpdateAt,
      endedBy: answer.escalation.endedBy,
    });

    const docs = await OpenApiDocument.of(t.app);
    const schema = docs.okSchema('/v1/cases/{caseId}');
    expect(Object.keys(docs.document.components.schemas.EscalationViewDto.properties ?? {})).toContain(
      'endedBy',
    );
    expect(new OpenApiValidator(docs).errors(schema!, answer)).toEqual([]);
  });
});
