import { OpenApiDocument } from './support/openapi/openapi-document';

/**
 * /health's `storage.status` as the OpenAPI document describes it (finding integrator2 F1): damage
 * a process found is kept across restarts (the damaged-streams journal) until the stream is found
 * whole again, as the README's /health paragraph says. The description still said it lasted
 * "until a restart", so alerting built on the document expected a restart to clear it.
 */
describe("OpenAPI: /health's storage status says damage found is kept across restarts", () => {
  it('says it is kept until the stream is found whole again, not until a restart', async () => {
    const docs = await OpenApiDocument.served();
    const status = docs.property(docs.document.components.schemas.StorageHealthDto, 'status');
    expect(status?.description).not.toMatch(/until a restart/);
    expect(status?.description).toMatch(/kept across restarts/);
    expect(status?.description).toMatch(/found whole again/);
  });
});
