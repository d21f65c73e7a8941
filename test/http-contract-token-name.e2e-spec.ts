import { openCase, SEED_PEOPLE } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A token's `name` claim comes from the identity provider and ends up as the opener's and comment
 * author's name, and in notification emails. A name with line breaks or text-direction overrides
 * is not refused (that would lock the person out) but cleaned where the caller is taken from the
 * token: breaks and tabs become one space, other unsafe characters go.
 */
describe('the name claim of a token is stored and shown cleaned', () => {
  const FORGED = 'Evil\r\nBcc: x@evil.example\r\n\u202eX';
  const CLEANED = 'Evil Bcc: x@evil.example X';
  const seeded = useSeededTestApp();
  const send = seeded.send;

  it('opening a case and commenting with such a name: detail and history show the cleaned name', async () => {
    const customer = await seeded.t.token(SEED_PEOPLE.customer, [], FORGED);
    const engineer = await seeded.t.token(SEED_PEOPLE.engineer, ['engineer'], `\t${FORGED} `);
    const caseId = await openCase(send, { ...seeded.world, customerToken: customer });
    for (const token of [customer, engineer]) {
      const comment = await send('POST', `/v1/cases/${caseId}/comments`, token, { body: 'Any news?' });
      expect(comment.status).toBe(201);
    }

    const detail = await send('GET', `/v1/cases/${caseId}`, seeded.world.engineerToken);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ openedBy: SEED_PEOPLE.customer, openedByName: CLEANED });
    const history = await send('GET', `/v1/cases/${caseId}/history`, seeded.world.engineerToken);
    const events = (history.body as { events: { type: string; data: Record<string, unknown> }[] }).events;
    expect(events.find((event) => event.type === 'CaseOpened')?.data.openedBy).toEqual({
      email: SEED_PEOPLE.customer,
      name: CLEANED,
    });
    const authors = events
      .filter((event) => event.type === 'CommentAdded')
      .map((event) => event.data.authorName);
    expect(authors).toEqual([CLEANED, CLEANED]);
  });

  it('a name that is nothing but unsafe characters and breaks is no name', async () => {
    const customer = await seeded.t.token(SEED_PEOPLE.customer, [], '\r\n\u202e\u2066 ');
    const caseId = await openCase(send, { ...seeded.world, customerToken: customer });
    const detail = await send('GET', `/v1/cases/${caseId}`, seeded.world.engineerToken);
    expect(detail.body).toMatchObject({ openedBy: SEED_PEOPLE.customer });
    expect(detail.body).not.toHaveProperty('openedByName');
  });
});
