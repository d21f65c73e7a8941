import { fold } from '../../shared/decider';
import { MISSION_CRITICAL_REVIEW_ACTOR } from '../actor';
import { caseDecider } from '../case-decider';
import type { ReviewMissionCritical } from '../commands';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import {
  actors,
  commands,
  context,
  entitlement,
  historyOf,
  openedHistory,
  plus,
  T0,
} from '../testing/case-fixtures';

const REVIEWED_AT = plus(T0, { hours: 3 });

const review = (overrides: Partial<ReviewMissionCritical> = {}): ReviewMissionCritical => ({
  type: 'ReviewMissionCritical',
  caseId: 'case-1',
  actor: MISSION_CRITICAL_REVIEW_ACTOR,
  at: REVIEWED_AT,
  ...overrides,
});
const covered = context({ accountMissionCritical: true });
const uncovered = context({ accountMissionCritical: false });
const changed = (missionCritical: boolean, at = REVIEWED_AT): CaseEvent => ({
  type: 'MissionCriticalChanged',
  data: { caseId: 'case-1', at, by: MISSION_CRITICAL_REVIEW_ACTOR.email, missionCritical },
});
const missionCriticalHistory = () =>
  historyOf(
    [commands.openCase()],
    context({ entitlement: entitlement({ account: { missionCritical: true } }) }),
  );

describe("case decider: a live case follows its account's Mission Critical cover", () => {
  it('rule: an account that gains cover lifts its open cases to Mission Critical', () => {
    givenCase(openedHistory(), covered)
      .when(review())
      .then([changed(true)]);
  });

  it('rule: an account whose cover lapsed drops its open cases back', () => {
    givenCase(missionCriticalHistory(), uncovered)
      .when(review())
      .then([changed(false)]);
  });

  it('records nothing when the case already agrees with its account', () => {
    givenCase(openedHistory(), uncovered).when(review()).thenNothing();
    givenCase(missionCriticalHistory(), covered).when(review()).thenNothing();
  });

  it('rule: a resolved case is still live and follows the cover (it may be reopened or confirmed)', () => {
    const resolved = historyOf([commands.openCase(), commands.comment(), commands.resolve()]);
    const at = plus(T0, { days: 1, hours: 1 });
    givenCase(resolved, covered)
      .when(review({ at }))
      .then([changed(true, at)]);
  });

  it('rule: a closed case keeps the cover it was worked under', () => {
    const closed = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      { type: 'CloseCase', caseId: 'case-1', actor: actors.alice, at: plus(T0, { days: 1, hours: 1 }) },
    ]);
    givenCase(closed, covered).when(review()).thenNothing();
  });

  it("is sent by the review process only: people may not change a case's cover", () => {
    for (const actor of [actors.engineer, actors.csm, actors.alice, actors.admin]) {
      givenCase(openedHistory(), covered).when(review({ actor })).thenFails({ code: 'system-only' });
    }
  });

  it('refuses a case that does not exist', () => {
    givenCase([], covered).when(review()).thenFails({ code: 'case-not-found' });
  });

  it("needs the account's cover in its context (the application must look it up)", () => {
    expect(() => givenCase(openedHistory(), context()).when(review()).events()).toThrow(
      /accountMissionCritical/,
    );
  });

  it('evolves: the case takes the new cover', () => {
    const before = fold(caseDecider, openedHistory()) as OpenedCase;
    const after = caseDecider.evolve(before, changed(true)) as OpenedCase;
    expect(after.missionCritical).toBe(true);
    expect(after.lastChangedAt).toBe(REVIEWED_AT);
    expect(before.missionCritical).toBe(false);
  });
});
