import { openConsoleAs, openLicencesAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * customer3 F6: the holder of a licence whose seats are all taken, not one of its users herself, was
 * told on Licences and New case to invite her own address, and that invitation was then refused
 * (409 seat-limit-reached). Now both hints say the licence has no free seat and what to do first.
 */
const { admin } = ACME_RETAIL_PEOPLE;
const holder: Person = { email: 'boss@fullseats.example', name: 'Full Boss' };
const ann: Person = { email: 'ann.user@fullseats.example', name: 'Ann User' };

describeInChromium(
  'the holder of a full licence, in Chromium',
  (session) => {
    const errors: string[] = [];

    it('is told on Licences that the licence has no free seat, and how to get one', async () => {
      const page = await openLicencesAs(session, holder, errors);
      await page.locator('li.licence-card').waitFor();
      expect(await wordsOf(page, 'li.licence-card')).toContain('1 seat used, 0 left');
      expect(await wordsOf(page, '.holder-seat-hint')).toBe(
        'You hold this licence but are not one of its users, and it has no free seat: to log cases on it, free a ' +
          'seat (remove a user or withdraw a pending invitation) and then invite your own address, or ask your ' +
          'account manager for more seats.',
      );
      expect(errors).toEqual([]);
      await page.close();
    });

    it('is told the same on New case', async () => {
      const page = await openConsoleAs(session, holder, '#/cases/new', errors);
      const hint = page.locator('#case-licence-hint', { hasText: 'no free seat' });
      await hint.waitFor();
      expect(await wordsOf(page, '#case-licence-hint')).toBe(
        'You hold a licence but are not one of its users, and it has no free seat: to log cases, under Licences ' +
          '(in the navigation) free a seat (remove a user or withdraw a pending invitation) and then invite your ' +
          'own address, or ask your account manager for more seats.',
      );
      expect(errors).toEqual([]);
      await page.close();
    });
  },
  async (api) => {
    const { licenceId } = await api.setUpAccount(admin, {
      name: 'Full Seats Corp',
      licence: { product: 'Sitefinity', edition: 'Online Marketing License', plan: 'enterprise', holder },
      users: [{ ...ann, company: 'Full Seats Corp', country: 'DE' }],
    });
    await api.call(admin, 'PATCH', `/v1/licences/${licenceId}`, { seats: 1, reason: 'one seat bought' });
  },
);
