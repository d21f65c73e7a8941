import { QUEUES } from '../apps/api/src/queues/queue-definitions';
import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { SetupSteps } from './support/fixtures/setup-steps';
import type { TestApp } from './support/test-app';

/**
 * A queue filtered by a product no licence ever had is refused as the reports refuse it (404
 * `product-not-found` naming `product`), not answered with an empty queue
 * that reads as a quiet product; a product in another case (or Unicode form) is the licensed one.
 */
describe('queues filtered by product', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let engineer: string;
  let csm: string;
  let jane: string;
  let accountId: string;
  let licenceId: string;
  let caseId: string;

  const get = (url: string, token = engineer) => api.send({ method: 'GET', url }, token);

  useAcmeWithJane((setting) => ({ t, api, setup, engineer, jane, accountId, licenceId } = setting));

  beforeAll(async () => {
    csm = await t.token('carla@vendor.example', ['csm']);
    // Licensed, but no case yet: a quiet product, not a wrong one.
    await setup.issueLicence(accountId, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
      product: 'DevCraft',
    });
    await setup.assignCsm(accountId, 'carla@vendor.example');
    caseId = await setup.openWebCase(licenceId, jane, 'Publishing fails');
  });

  it('lists the cases of a licensed product, and none of a quiet one', async () => {
    const sitefinity = await get('/v1/queues/open?product=Sitefinity');
    expect(sitefinity.status).toBe(200);
    expect(sitefinity.json().items.map((item: { id: string }) => item.id)).toEqual([caseId]);
    const quiet = await get('/v1/queues/open?product=DevCraft');
    expect(quiet.status).toBe(200);
    expect(quiet.json().items).toEqual([]);
  });

  it.each(QUEUES)(
    '%s: a product in another case is read as the licensed one, as the reports and the case list read it',
    async (queue) => {
      for (const token of [engineer, csm]) {
        const exact = await get(`/v1/queues/${queue}?product=Sitefinity`, token);
        const otherCase = await get(`/v1/queues/${queue}?product=SITEFINITY`, token);
        expect(otherCase.status).toBe(200);
        expect(otherCase.json().items).toEqual(exact.json().items);
      }
    },
  );

  it('refuses a product no licence ever had, and knows it once licensed', async () => {
    const typo = await get('/v1/queues/open?product=Fiddler');
    expect(typo.status).toBe(404);
    expect(typo.contentType).toContain('application/problem+json');
    expect(typo.json()).toMatchObject({
      type: expect.stringContaining('product-not-found'),
      errors: [{ field: 'product' }],
    });
    await setup.issueLicence(accountId, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
      product: 'Fiddler',
    });
    expect((await get('/v1/queues/open?product=Fiddler')).status).toBe(200);
  });

  it('still tells a customer that queues are for staff, before looking at the product', async () => {
    expect((await get('/v1/queues/open?product=Sitefinty', jane)).status).toBe(403);
  });
});
