import { OpenApiDocument } from './support/openapi/openapi-document';

/**
 * A redirected case's resolution target reads `met` with `stoppedBy: "redirection"`, while the
 * dashboard and the daily report count it neither met nor missed. The OpenAPI document must say so
 * where the case detail, the case list and the queues show the target, so an analyst who recounts
 * the reports from the case list leaves such targets out.
 */
describe('OpenAPI: what a case detail SLA target state means for the reports', () => {
  let docs: OpenApiDocument;

  beforeAll(async () => {
    docs = await OpenApiDocument.served();
  });

  const resolutionTarget = (path: string, items: string) =>
    docs.property(docs.okSchema(path), `${items}sla.resolution`);

  it.each([
    ['the case detail', '/v1/cases/{caseId}', ''],
    ['the case list', '/v1/cases', 'items.[].'],
  ])('documents stoppedBy on %s: a redirection, counted neither met nor missed', (_, path, items) => {
    const target = resolutionTarget(path, items);
    expect(target?.properties?.state?.enum).toEqual(['running', 'paused', 'met', 'breached']);
    const stoppedBy = docs.property(target, 'stoppedBy');
    expect(stoppedBy?.enum).toEqual(['redirection']);
    expect(stoppedBy?.description).toContain('neither met nor missed');
    expect(stoppedBy?.description).toContain('must leave out targets with `stoppedBy`');
    expect(docs.property(target, 'state')?.description).toContain('`stoppedBy`');
  });

  it('still documents asOf and integrity on the detail', () => {
    const detail = docs.okSchema('/v1/cases/{caseId}');
    expect(Object.keys(detail?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'status', 'sla', 'priority', 'team', 'revision', 'asOf', 'integrity']),
    );
  });
});
