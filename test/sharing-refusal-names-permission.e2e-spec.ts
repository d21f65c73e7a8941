import { PEOPLE } from './support/fixtures/access-actors';
import { AccessWorld, FixtureCases, useAccessWorld } from './support/fixtures/access-world';

/**
 * An opener refused sharing for want of the share tickets permission is told which permission it
 * is and who grants it (DOMAIN.md "Licences and licensed users": the holder, or a licensed user
 * with manage users), not only the rule of who may share.
 */
describe('sharing refused for want of share tickets', () => {
  let world: AccessWorld;
  let cases: FixtureCases;

  useAccessWorld((setting) => {
    ({ world, cases } = setting);
  });

  it('tells the opener they lack the share tickets permission, naming the licence holder and manage users', async () => {
    const refused = await world.api.send(
      {
        method: 'POST',
        url: `/v1/cases/${cases.byBob}/shares`,
        payload: { email: 'pal@partner.example', name: 'Pal' },
      },
      world.token('bob'),
    );
    expect(refused.contentType).toContain('application/problem+json');
    expect({ status: refused.status, type: refused.json().type }).toEqual({
      status: 403,
      type: expect.stringMatching(/sharing-not-allowed$/),
    });
    expect(refused.json().detail).toBe(
      'You opened this case but do not have the share tickets permission on its licence, so you cannot share it; ' +
        `ask the licence holder (${PEOPLE.hannah.email}) or a licensed user with manage users to grant it, or a ` +
        'support engineer to share the case for you',
    );
  });
});
