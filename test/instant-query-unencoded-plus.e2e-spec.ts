import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * Finding F8 (integrator 2): an offset's `+` sent unencoded in a query string is read as a space,
 * and the 400 said only that the value needs an offset, which it had. Every instant query
 * parameter (the dashboard's `from`/`to`, the case list's `openedFrom`/`openedTo`, a case's `asOf`)
 * now names the field, the space where the `+` went, and that it is sent as `%2B`.
 */
describe('an instant query parameter whose offset + was sent unencoded', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  const get = (url: string) =>
    seeded.t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
    });

  beforeAll(async () => {
    caseId = await openCase(seeded.send, seeded.world);
  });

  const sent = '2026-11-30T10:00:00+02:00';
  const received = JSON.stringify('2026-11-30T10:00:00 02:00');
  const hint = (field: string) =>
    `${field} has a space where its offset's + goes (${received}), as a + sent unencoded in a query ` +
    `string is read as a space; send the + as %2B (${field}=2026-11-30T10:00:00%2B02:00)`;

  it.each([
    ['from', () => `/v1/dashboards/sla?from=${sent}`],
    ['to', () => `/v1/dashboards/sla?to=${sent}`],
    ['openedFrom', () => `/v1/cases?openedFrom=${sent}`],
    ['openedTo', () => `/v1/cases?openedTo=${sent}`],
    ['asOf', () => `/v1/cases/${caseId}?asOf=${sent}`],
  ])('%s: 400 naming the field, saying the + is sent as %%2B', async (field, url) => {
    const response = await get(url());
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const { errors } = response.json();
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toMatch(new RegExp(`^${field} must be .*offset`));
    expect(errors[0].message).toContain(hint(field));
    expect(response.json().detail).toContain(hint(field));
  });

  it('says so for an offset without its colon and an instant without seconds too', async () => {
    const response = await get('/v1/dashboards/sla?from=2026-11-30T10:00+0200');
    expect(response.json().errors[0].message).toContain('send the + as %2B (from=2026-11-30T10:00%2B0200)');
  });

  it('adds nothing to a refusal with no space where an offset goes, and %2B is taken', async () => {
    const local = await get('/v1/dashboards/sla?from=2026-11-30T10:00:00');
    expect(local.json().errors).toEqual([
      { field: 'from', message: 'from must be a date (YYYY-MM-DD) or an ISO-8601 instant with an offset' },
    ]);
    expect((await get('/v1/dashboards/sla?from=2026-11-30T10:00:00%2B02:00')).statusCode).toBe(200);
  });
});
