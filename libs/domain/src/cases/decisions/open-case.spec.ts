import { startTargets } from '../../sla/targets/start-targets';
import { calendarForAccount } from '../../policy/policy-calendars';
import type { CaseEvent } from '../events';
import { DomainError } from '../../shared/domain-error';
import { givenCase } from '../testing/given-when-then';
import {
  actors,
  commands,
  context,
  entitlement,
  openedHistory,
  plus,
  policy,
  T0,
  calendar,
} from '../testing/case-fixtures';

/** The refusal `decide` throws, for assertions on what its message must not say. */
function refusalOf(decide: () => unknown): DomainError {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was not refused');
}

const when = (command: Parameters<ReturnType<typeof givenCase>['when']>[0], ctx = context()) =>
  givenCase([], ctx).when(command, ctx);

describe('case decider: no case yet (OpenCase)', () => {
  it('a licensed user opens a web case: CaseOpened records the case, its priority inputs and its SLA targets', () => {
    when(commands.openCase()).then([
      {
        type: 'CaseOpened',
        data: {
          caseId: 'case-1',
          at: T0,
          by: 'alice@acme.example',
          accountId: 'acc-1',
          licenceId: 'lic-1',
          openedBy: { email: 'alice@acme.example', name: 'Alice Customer' },
          title: 'Pages fail to publish',
          description: 'Publishing any page returns a 500 error since this morning.',
          severity: 3,
          channel: 'web',
          product: 'Sitefinity CMS',
          edition: 'Online Marketing License',
          plan: 'enterprise',
          missionCritical: false,
          timeZone: 'UTC',
          policyVersion: policy.version,
          targets: startTargets({ severity: 3, openedAt: T0, policy, calendar }),
        },
      },
    ]);
  });

  it('targets follow the policy: severity 3 is answered within 1 business day and resolved within 21', () => {
    const [opened] = when(commands.openCase()).events() as [Extract<CaseEvent, { type: 'CaseOpened' }>];
    expect(opened.data.targets.firstResponse).toMatchObject({
      state: 'running',
      dueAt: '2024-06-04T09:00:00.000Z',
    });
    // 21 business days from Monday 3 June: four full weeks plus one day, Tuesday 2 July.
    expect(opened.data.targets.resolution).toMatchObject({
      state: 'running',
      dueAt: '2024-07-02T09:00:00.000Z',
    });
  });

  it('business time skips the weekend: a severity 2 case opened on Friday at 15:00 is due for first response on Monday at 15:00', () => {
    const friday = '2024-05-31T15:00:00.000Z';
    const [opened] = when(commands.openCase({ severity: 2, at: friday })).events() as [
      Extract<CaseEvent, { type: 'CaseOpened' }>,
    ];
    expect(opened.data.targets.firstResponse.dueAt).toBe('2024-06-03T15:00:00.000Z');
  });

  it("targets are computed in the account's calendar, whose zone the event records", () => {
    const sofia = calendarForAccount(policy, 'Europe/Sofia');
    const friday = '2024-05-31T15:00:00.000Z'; // 18:00 in Sofia
    const [opened] = when(
      commands.openCase({ severity: 2, at: friday }),
      context({ calendar: sofia }),
    ).events() as [Extract<CaseEvent, { type: 'CaseOpened' }>];
    expect(opened.data.timeZone).toBe('Europe/Sofia');
    expect(opened.data.targets.firstResponse.dueAt).toBe('2024-06-03T15:00:00.000Z');
  });

  it('instants are stored in UTC whatever offset the command used', () => {
    const [opened] = when(commands.openCase({ at: '2024-06-03T12:00:00+03:00' })).events();
    expect(opened.data.at).toBe(T0);
  });

  it('a support engineer opens a severity 1 phone case on behalf of a licensed user: the user owns it, the engineer logged it, the response is due within 1 hour', () => {
    const [opened] = when(
      commands.openCase({
        actor: actors.engineer,
        channel: 'phone',
        severity: 1,
        onBehalfOf: 'Alice@Acme.example',
      }),
    ).events() as [Extract<CaseEvent, { type: 'CaseOpened' }>];
    expect(opened.data).toMatchObject({
      by: 'eve@vendor.example',
      openedBy: { email: 'alice@acme.example' },
      loggedBy: { email: 'eve@vendor.example', name: 'Eve Engineer' },
      severity: 1,
      channel: 'phone',
    });
    expect(opened.data.targets.firstResponse).toMatchObject({
      dueAt: plus(T0, { hours: 1 }),
      atRiskAt: plus(T0, { minutes: 45 }),
    });
  });

  it('names the opener of a phone case as the licence records have them (the emails then greet them by name)', () => {
    const records = context({
      entitlement: entitlement({
        membership: {
          email: actors.alice.email,
          name: 'Alice Customer',
          status: 'active',
          permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
        },
      }),
    });
    const [opened] = givenCase([], records)
      .when(
        commands.openCase({
          actor: actors.engineer,
          channel: 'phone',
          severity: 1,
          onBehalfOf: actors.alice.email,
        }),
      )
      .events() as [Extract<CaseEvent, { type: 'CaseOpened' }>];
    expect(opened.data.openedBy).toEqual({ email: actors.alice.email, name: 'Alice Customer' });
  });

  it('refuses control and text-direction override characters in what it stores, naming the field', () => {
    givenCase([], context())
      .when(commands.openCase({ title: 'Invoice \u202Efdp.exe' }))
      .thenFails({ code: 'unsafe-character', field: 'title', message: /U\+202E/ });
    givenCase([], context())
      .when(commands.openCase({ description: 'Crashes\u0000 on save' }))
      .thenFails({ code: 'unsafe-character', field: 'description' });
  });

  it.each([
    ['CR LF', 'Hello\r\nBcc: evil@evil.example\r\n\r\nfake body', 'U+000D'],
    ['LF', 'Hello\nBcc: evil@evil.example', 'U+000A'],
    ['a line separator', 'Hello\u2028Bcc: evil@evil.example', 'U+2028'],
  ])(
    'rule: a title is one line (it heads emails and lists): one with %s is refused, naming title',
    (_what, title, character) => {
      when(commands.openCase({ title })).thenFails({
        code: 'line-break',
        kind: 'validation',
        field: 'title',
        message: new RegExp(`^title must be a single line: .*\\(${character.replace('+', '\\+')}\\)`),
      });
    },
  );

  it('rule: a category is one line too', () => {
    when(commands.openCase({ category: 'Publishing\nBcc: x@evil.example' })).thenFails({
      code: 'line-break',
      field: 'category',
    });
  });

  it('a description keeps its lines (steps, pasted logs), and a title its tabs', () => {
    const description = 'Steps:\r\n1. open the page\n2. publish\n\nExpected: published';
    const [opened] = when(commands.openCase({ title: 'Publish\tfails', description })).events() as [
      Extract<CaseEvent, { type: 'CaseOpened' }>,
    ];
    expect(opened.data).toMatchObject({ title: 'Publish\tfails', description });
  });

  it('a web attempt at severity 1 is refused with an error that says to call support by phone', () => {
    when(commands.openCase({ severity: 1 })).thenFails({
      code: 'severity-not-allowed-for-channel',
      kind: 'validation',
      field: 'severity',
      message: /call support by phone, and a support engineer will open the case for you/,
    });
  });

  it('severity 1 on the web on a plan without phone support: the refusal says so and to open it at severity 2', () => {
    const standard = context({ entitlement: entitlement({ licence: { plan: 'standard' } }) });
    const refusal = refusalOf(() => when(commands.openCase({ severity: 1 }), standard).events());
    expect(refusal).toMatchObject({ code: 'severity-not-allowed-for-channel', field: 'severity' });
    expect(refusal.message).toMatch(
      /your standard plan does not include phone support .*open the case on the web at severity 2, the highest the web allows/,
    );
    expect(refusal.message).not.toMatch(/call support/);
  });

  it('severity 1 on the web on a plan with phone support: the refusal says the plan includes it, call', () => {
    const refusal = refusalOf(() => when(commands.openCase({ severity: 1 })).events());
    expect(refusal.message).toMatch(/your enterprise plan includes phone support, so call support by phone/);
  });

  it('severity 1 on the web by someone who may not open cases on the licence: not told its plan', () => {
    const stranger = context({
      entitlement: entitlement({ licence: { plan: 'standard' }, membership: null }),
    });
    const refusal = refusalOf(() => when(commands.openCase({ severity: 1 }), stranger).events());
    expect(refusal.message).not.toMatch(/standard|your/);
    expect(refusal.message).toMatch(
      /call support by phone.*Phone support comes with the enterprise and mission-critical plans; on a plan without it, report the case on the web/,
    );
  });

  it('a severity the policy does not allow on the channel is refused (severity 3 is web only)', () => {
    when(
      commands.openCase({
        actor: actors.engineer,
        channel: 'phone',
        severity: 3,
        onBehalfOf: actors.alice.email,
      }),
    ).thenFails({ code: 'severity-not-allowed-for-channel', field: 'severity' });
  });

  it('a customer cannot open a phone case: phone cases are opened by an engineer during the call', () => {
    when(commands.openCase({ channel: 'phone', severity: 2 })).thenFails({
      code: 'phone-cases-opened-by-engineer',
      kind: 'forbidden',
      field: 'channel',
      message: /your enterprise plan includes phone support, so call support by phone/,
    });
  });

  it('a phone case posted on a plan without phone support: told the plan has web only, not to phone', () => {
    const standard = context({ entitlement: entitlement({ licence: { plan: 'standard' } }) });
    const refusal = refusalOf(() =>
      when(commands.openCase({ channel: 'phone', severity: 2 }), standard).events(),
    );
    expect(refusal).toMatchObject({ code: 'phone-cases-opened-by-engineer', field: 'channel' });
    expect(refusal.message).toMatch(
      /your standard plan does not include phone support \(it comes with the enterprise and mission-critical plans\): your plan includes web support, so open the case on the web, with channel "web"/,
    );
    expect(refusal.message).toMatch(
      /If production is down, open it at severity 2, the highest the web allows/,
    );
    expect(refusal.message).not.toMatch(/call support/);
  });

  it('a phone case posted by someone who may not open cases on the licence: not told its plan', () => {
    const stranger = context({
      entitlement: entitlement({ licence: { plan: 'standard' }, membership: null }),
    });
    const refusal = refusalOf(() =>
      when(commands.openCase({ channel: 'phone', severity: 2 }), stranger).events(),
    );
    expect(refusal).toMatchObject({ code: 'phone-cases-opened-by-engineer' });
    expect(refusal.message).not.toMatch(/standard|your/);
    expect(refusal.message).toMatch(
      /on a plan with phone support \(the enterprise and mission-critical plans\), call support by phone.*on a plan without it, open the case on the web/,
    );
  });

  it('an engineer must name the licensed user the case is for', () => {
    when(commands.openCase({ actor: actors.engineer, channel: 'phone', severity: 1 })).thenFails({
      code: 'on-behalf-of-required',
      kind: 'validation',
      field: 'onBehalfOf',
    });
  });

  it('an engineer opens on behalf of a user by phone only', () => {
    when(
      commands.openCase({ actor: actors.engineer, channel: 'web', onBehalfOf: actors.alice.email }),
    ).thenFails({
      code: 'on-behalf-of-requires-phone',
      field: 'channel',
    });
  });

  it('only an engineer may open a case on behalf of someone else', () => {
    when(commands.openCase({ onBehalfOf: actors.bob.email })).thenFails({
      code: 'on-behalf-of-engineer-only',
      kind: 'forbidden',
      field: 'onBehalfOf',
    });
  });

  it('CSMs and admins do not open cases; auditors may not do anything', () => {
    when(commands.openCase({ actor: actors.csm })).thenFails({
      code: 'case-opening-not-allowed',
      kind: 'forbidden',
    });
    when(commands.openCase({ actor: actors.admin })).thenFails({
      code: 'read-only-actor',
      kind: 'forbidden',
    });
    when(commands.openCase({ actor: actors.auditor })).thenFails({
      code: 'read-only-actor',
      kind: 'forbidden',
    });
  });

  it('only licensed users can log cases: an engineer opening for someone not on the licence is refused', () => {
    const forBob = {
      actor: actors.engineer,
      channel: 'phone' as const,
      severity: 1 as const,
      onBehalfOf: actors.bob.email,
    };
    when(commands.openCase(forBob)).thenFails({
      code: 'not-a-licensed-user',
      kind: 'forbidden',
      field: 'onBehalfOf',
    });
  });

  it('a colleague shown the licence in the account view but not its user is told so and whom to ask (403), not that it does not exist', () => {
    const colleague = { ...entitlement({ membership: null }), openerSeesAccountLicences: true };
    when(commands.openCase({ actor: actors.bob }), context({ entitlement: colleague })).thenFails({
      code: 'not-a-licensed-user',
      kind: 'forbidden',
      field: 'licenceId',
      message:
        /^You are not a user of licence lic-1; only its registered users can log cases on it\. Ask its holder \(.+@.+\), or /,
    });
  });

  it('a customer with no tie to the licence is told it does not exist, as for an id nobody issued', () => {
    when(commands.openCase({ actor: actors.bob })).thenFails({
      code: 'licence-not-found',
      kind: 'not-found',
    });
    when(commands.openCase(), context({ entitlement: entitlement({ membership: null }) })).thenFails({
      code: 'licence-not-found',
    });
    // Nor is its expiry theirs to learn.
    const expired = entitlement({ licence: { activeUntil: '2020-01-31' }, membership: null });
    when(commands.openCase(), context({ entitlement: expired })).thenFails({ code: 'licence-not-found' });
  });

  it('the licence holder who is not one of its users is refused, and told how to add themselves', () => {
    const holderOnly = entitlement({ licence: { holderEmail: 'Alice@Acme.example' }, membership: null });
    const attempt = when(commands.openCase(), context({ entitlement: holderOnly }));
    attempt.thenFails({ code: 'not-a-licensed-user', kind: 'forbidden' });
    expect(attempt.events).toThrow(
      /holds licence lic-1 but is not one of its licensed users.*POST \/v1\/licences\/lic-1\/users.*seat/,
    );
  });

  it('the holder who is not a user of a licence with no free seat is told to free one first, or get more', () => {
    const refusalFor = (seatsLeft: number | 'unlimited') =>
      refusalOf(
        givenCase(
          [],
          context({
            entitlement: entitlement({
              licence: { holderEmail: actors.alice.email, seatsLeft },
              membership: null,
            }),
          }),
        ).when(commands.openCase()).events,
      );
    const full = refusalFor(0);
    expect({ code: full.code, kind: full.kind }).toEqual({ code: 'not-a-licensed-user', kind: 'forbidden' });
    // In the words of the console's hint and the 409 seat-limit-reached an invitation would get.
    expect(full.message).toContain(
      'The licence has no free seat: the holder can free a seat (remove a user or withdraw a pending invitation) ' +
        'and then add themselves with POST /v1/licences/lic-1/users, or ask their account manager for more seats',
    );
    expect(full.message).not.toContain('this takes a seat');
    for (const seatsLeft of [1, 'unlimited'] as const)
      expect(refusalFor(seatsLeft).message).toContain(
        'The holder can add themselves with POST /v1/licences/lic-1/users (this takes a seat)',
      );
  });

  it('a removed licensed user can no longer log cases', () => {
    const removed = entitlement({
      membership: {
        email: actors.alice.email,
        status: 'removed',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    });
    when(commands.openCase(), context({ entitlement: removed })).thenFails({ code: 'licensed-user-removed' });
  });

  it('an invited user logs cases only once registration is complete', () => {
    const pending = entitlement({
      membership: {
        email: actors.alice.email,
        status: 'pending',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    });
    when(commands.openCase(), context({ entitlement: pending })).thenFails({
      code: 'licensed-user-not-active',
      kind: 'forbidden',
      // The request the invitation mail names, and the console's button that sends it.
      message:
        'Complete it by sending POST /v1/licences/lic-1/users/alice@acme.example/activation (no body) with ' +
        "your bearer token, or with the Complete registration button on the console's My cases or New case page",
    });
  });

  it('an engineer may open only on behalf of an active licensed user, and the error names onBehalfOf', () => {
    when(
      commands.openCase({
        actor: actors.engineer,
        channel: 'phone',
        severity: 1,
        onBehalfOf: actors.bob.email,
      }),
    ).thenFails({ code: 'not-a-licensed-user', field: 'onBehalfOf' });
  });

  it('the licence must be active', () => {
    when(
      commands.openCase(),
      context({ entitlement: entitlement({ licence: { status: 'inactive' } }) }),
    ).thenFails({
      code: 'licence-not-active',
      kind: 'forbidden',
      field: 'licenceId',
    });
  });

  it('the licence must not be expired at the time of opening; it covers its last day in full', () => {
    const lastDay = context({ entitlement: entitlement({ licence: { activeUntil: '2024-06-03' } }) });
    expect(when(commands.openCase({ at: '2024-06-03T23:59:00.000Z' }), lastDay).events()).toHaveLength(1);

    const expired = context({ entitlement: entitlement({ licence: { activeUntil: '2024-06-02' } }) });
    when(commands.openCase({ at: '2024-06-04T12:00:00.000Z' }), expired).thenFails({
      code: 'licence-expired',
      kind: 'forbidden',
      // The request's body names the licence: that field is the one at fault.
      field: 'licenceId',
      message:
        'The licence for Sitefinity CMS (Online Marketing License) expired (active until 2024-06-02, licence id lic-1); cases can be opened on it again once it is renewed ' +
        "(ask the licence's holder (holder@acme.example) or your account manager)",
    });
  });

  it('the licence must be the one named in the command', () => {
    when(commands.openCase({ licenceId: 'lic-2' })).thenFails({
      code: 'licence-not-found',
      kind: 'not-found',
    });
    when(commands.openCase(), context({ entitlement: undefined })).thenFails({ code: 'licence-not-found' });
  });

  it("an account id, when given, must be the licence's account", () => {
    when(commands.openCase({ accountId: 'acc-2' })).thenFails({
      code: 'licence-account-mismatch',
      field: 'accountId',
    });
    expect(when(commands.openCase({ accountId: 'acc-1' })).events()).toHaveLength(1);
  });

  it("the channel must be one the licence's plan is entitled to: the standard plan has no phone support", () => {
    const standard = context({ entitlement: entitlement({ licence: { plan: 'standard' } }) });
    when(
      commands.openCase({
        actor: actors.engineer,
        channel: 'phone',
        severity: 1,
        onBehalfOf: actors.alice.email,
      }),
      standard,
    ).thenFails({ code: 'channel-not-entitled', kind: 'forbidden', field: 'channel' });
    expect(when(commands.openCase(), standard).events()).toHaveLength(1);
  });

  it('a Mission Critical account or plan is recorded as a priority input', () => {
    const flagged = context({ entitlement: entitlement({ account: { missionCritical: true } }) });
    expect(when(commands.openCase(), flagged).events()[0].data).toMatchObject({ missionCritical: true });
    const plan = context({ entitlement: entitlement({ licence: { plan: 'mission-critical' } }) });
    expect(when(commands.openCase(), plan).events()[0].data).toMatchObject({
      missionCritical: true,
      plan: 'mission-critical',
    });
  });

  it.each([
    ['title', { title: '' }],
    ['title', { title: '   ' }],
    ['title', { title: 'x'.repeat(201) }],
    ['description', { description: '' }],
    ['description', { description: 'x'.repeat(20_001) }],
    ['category', { category: 'x'.repeat(101) }],
  ])('text limits: a bad %s is a validation error naming the field', (field, overrides) => {
    when(commands.openCase(overrides)).thenFails({
      code: 'text-length-out-of-range',
      kind: 'validation',
      field,
    });
  });

  it('text at the limits is accepted, trimmed', () => {
    const [opened] = when(
      commands.openCase({
        title: `  ${'t'.repeat(200)}  `,
        description: 'd'.repeat(20_000),
        category: 'Publishing',
      }),
    ).events() as [Extract<CaseEvent, { type: 'CaseOpened' }>];
    expect(opened.data.title).toHaveLength(200);
    expect(opened.data.category).toBe('Publishing');
  });

  it('severity and channel must be known values', () => {
    when(commands.openCase({ severity: 4 as never })).thenFails({ code: 'invalid-value', field: 'severity' });
    when(commands.openCase({ channel: 'email' as never })).thenFails({
      code: 'invalid-value',
      field: 'channel',
    });
  });

  it('the command instant must be an ISO-8601 instant with an offset', () => {
    when(commands.openCase({ at: '2024-06-03 09:00' })).thenFails({ code: 'invalid-value', field: 'at' });
  });
});

describe('case decider: an opened case (OpenCase again)', () => {
  it('a case is opened once', () => {
    givenCase(openedHistory(), context()).when(commands.openCase()).thenFails({
      code: 'case-already-exists',
      kind: 'conflict',
    });
  });
});

describe('case decider: commands on a case that does not exist', () => {
  it.each([
    commands.comment(),
    commands.changeSeverity(),
    commands.escalate(),
    commands.resolve(),
    commands.reopen(),
    commands.share(),
  ])('$type is refused as not found', (command) => {
    givenCase([], context()).when(command).thenFails({ code: 'case-not-found', kind: 'not-found' });
  });
});
