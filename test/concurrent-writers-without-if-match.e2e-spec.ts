import type { LightMyRequestResponse } from 'fastify';
import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Many clients writing one case at the same instant without If-Match: they asked for no
 * precondition, so the server absorbs the race (writers in one process take turns on a stream)
 * and none is told 409 concurrent-modification. Every change is stored once.
 */
describe('concurrent writers on one case without If-Match', () => {
  let t: TestApp;
  let tokens: Record<'admin' | 'engineer' | 'customer', string>;
  let setup: SetupSteps;
  let licenceId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    tokens = {
      admin: await t.token('admin@vendor.example', ['admin']),
      engineer: await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer'),
      customer: await t.token('jane.doe@acme.example', [], 'Jane Doe'),
    };
    setup = new SetupSteps(new ApiClient(t.app), tokens.admin, tokens.engineer);
    const accountId = await setup.registerAccount('Acme');
    licenceId = await setup.issueLicence(accountId, { plan: 'enterprise', holderEmail: 'boss@acme.example' });
    await setup.addLicensedUser(licenceId, 'jane.doe@acme.example', NO_PERMISSIONS, tokens.customer);
  });

  afterAll(() => t.close());

  const openCase = () => setup.openWebCase(licenceId, tokens.customer);

  const post = (caseId: string, path: string, token: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/v1/cases/${caseId}${path}`, headers: auth(token), payload });

  /** Status and problem type of each answer, so a failure shows what came back. */
  const outcomes = (answers: LightMyRequestResponse[]) =>
    answers.map((answer) =>
      answer.statusCode < 300
        ? answer.statusCode
        : `${answer.statusCode} ${String(answer.json().type).split('/').pop()}`,
    );

  const eventsOfType = async (caseId: string, type: string) =>
    (await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).filter((event) => event.type === type);

  it('accepts 30 parallel comments from the customer and stores each once', async () => {
    const caseId = await openCase();

    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        post(caseId, '/comments', tokens.customer, { body: `Comment ${index}` }),
      ),
    );

    expect(outcomes(answers)).toEqual(Array(30).fill(201));
    const stored = (await eventsOfType(caseId, 'CommentAdded')).map(
      (event) => (event.data as { body: string }).body,
    );
    expect(stored.sort()).toEqual(Array.from({ length: 30 }, (_, index) => `Comment ${index}`).sort());
  });

  it('accepts 20 parallel first replies from an engineer', async () => {
    const caseId = await openCase();

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        post(caseId, '/comments', tokens.engineer, { body: `Reply ${index}` }),
      ),
    );

    expect(outcomes(answers)).toEqual(Array(20).fill(201));
    expect(await eventsOfType(caseId, 'CommentAdded')).toHaveLength(20);
  });

  it('decides 20 parallel severity changes one after another: none gets 409, none is lost', async () => {
    const caseId = await openCase();

    // Severities 3, 1 and 2 in turn. They are decided in the order they reach the case, so one may
    // ask for the severity the case already has (the one before it may have just set it): the rules
    // refuse that 422 severity-unchanged, which is no conflict.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        post(caseId, '/severity', tokens.engineer, {
          severity: [3, 1, 2][index % 3],
          reason: `Reassessed (${index})`,
        }),
      ),
    );

    const seen = outcomes(answers);
    expect(seen.filter((outcome) => outcome !== 200 && outcome !== '422 severity-unchanged')).toEqual([]);
    const accepted = seen.filter((outcome) => outcome === 200).length;
    expect(accepted).toBeGreaterThan(0);
    const changes = (await eventsOfType(caseId, 'SeverityChanged')).map(
      (event) => event.data as { from: number; to: number },
    );
    expect(changes).toHaveLength(accepted);
    // No lost update: each change was decided on the severity the one before it left.
    changes.forEach((change, index) => expect(change.from).toBe(index === 0 ? 2 : changes[index - 1].to));
  });
});
