import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * `?asOf=` takes instants as the SLA dashboard's `from` and `to` take them: hour 24 (which
 * Date.parse reads as the next day's start) and digits past the millisecond (which it cuts off, so
 * the `asOf` echoed would not be the instant asked for) are refused, 400 naming `asOf` in the
 * dashboard's words, instead of being answered for another instant.
 */
describe('as-of instants, as exact as the dashboard takes them', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let openedAt: string;
  const get = (url: string) =>
    seeded.t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
    });
  const asOf = (instant: string) => get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(instant)}`);

  beforeAll(async () => {
    caseId = await openCase(seeded.send, seeded.world);
    openedAt = (await get(`/v1/cases/${caseId}`)).json().openedAt;
  });

  it('refuses hour 24, naming asOf as the dashboard names from', async () => {
    const day = openedAt.slice(0, 10);
    const response = await asOf(`${day}T24:00:00Z`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      {
        field: 'asOf',
        message: "asOf must have an hour from 00 to 23: write 24:00 as the next day's 00:00",
      },
    ]);
    const dashboard = await get(`/v1/dashboards/sla?from=${encodeURIComponent(`${day}T24:00:00Z`)}`);
    expect(dashboard.json().errors[0].message).toBe(
      "from must have an hour from 00 to 23: write 24:00 as the next day's 00:00",
    );
  });

  it('refuses digits past the millisecond rather than cutting them off', async () => {
    const response = await asOf(openedAt.replace(/Z$/, '1234Z'));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      {
        field: 'asOf',
        message:
          'asOf must not be more precise than a millisecond: digits after the third decimal must be zeros',
      },
    ]);
  });

  it('still takes an instant to the millisecond, or to the second with an offset', async () => {
    expect((await asOf(openedAt)).json()).toMatchObject({ status: 'new', asOf: openedAt });
    // Zeros past the millisecond name the same instant: nothing is cut off.
    expect((await asOf(openedAt.replace(/Z$/, '000Z'))).json()).toMatchObject({ asOf: openedAt });
    const later = new Date(Date.parse(openedAt) + 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    expect((await asOf(later)).statusCode).toBe(200);
  });
});
