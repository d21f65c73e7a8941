import { useAcmeWithJane, type AcmeWithJane } from './support/fixtures/acme-with-jane';

/**
 * A number in a query string is taken in decimal digits only, as the OpenAPI document declares it
 * (an integer) and as the CLI and settings take numbers. Before, `limit=0x10` listed 16 items,
 * `0b11` 3, `1e1` 10, and `+5`, ` 5` and `5.0` 5, while `1.5` was "must be a whole number".
 */
describe('Query numbers: decimal digits only', () => {
  let acme: AcmeWithJane;
  useAcmeWithJane((setting) => (acme = setting));

  const refusal = async (url: string, token: string) => {
    const response = await acme.api.send({ method: 'GET', url }, token);
    return {
      url,
      status: response.status,
      fields: (response.json().errors ?? []).map((e: { field: string }) => e.field),
    };
  };

  const NOT_DECIMAL = ['0x10', '0b11', '0o7', '1e1', '5.0', '%205', '+5', '5%20'];

  it.each(['/v1/cases', '/v1/queues/open', '/v1/accounts', '/v1/escalations', '/v1/invitations/overdue'])(
    'refuses a limit not in decimal digits on %s with 400 naming limit',
    async (path) => {
      for (const limit of NOT_DECIMAL)
        expect(await refusal(`${path}?limit=${limit}`, acme.engineer)).toEqual({
          url: `${path}?limit=${limit}`,
          status: 400,
          fields: ['limit'],
        });
    },
  );

  it('refuses a severity, goal severity or age in hours not in decimal digits, naming it', async () => {
    for (const url of [
      '/v1/cases?severity=0x2',
      '/v1/queues/open?severity=2.0',
      '/v1/escalations?severity=%2B2',
      '/v1/cases?firstResponse=met&goalSeverity=0b1',
      '/v1/invitations/overdue?olderThanHours=0x10',
    ]) {
      const field = /[?&](\w+)=[^&]*$/.exec(url)![1];
      expect(await refusal(url, acme.engineer)).toEqual({ url, status: 400, fields: [field] });
    }
  });

  it('still takes decimal digits, leading zeros included', async () => {
    for (const url of ['/v1/cases?limit=5', '/v1/cases?limit=005&severity=2', '/v1/queues/open?limit=200'])
      expect({ url, status: (await acme.api.send({ method: 'GET', url }, acme.engineer)).status }).toEqual({
        url,
        status: 200,
      });
  });
});
