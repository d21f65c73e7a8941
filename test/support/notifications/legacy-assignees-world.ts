import { ProjectionRunner } from '@casetrail/readmodels';
import type { TestApp } from '../test-app';
import { appendLegacyAssignment } from './legacy-assignment';
import { NotificationWorld, PEOPLE, type Person } from './notification-world';

/** An address nothing vouches for as staff. */
export const OUTSIDER = 'otto@outsider.example';
/** The CSM of another account (Globex) only: vouched for on Globex's cases alone. */
export const OTHER_CSM = 'cora.csm@partner.example';

/** One case to open: its assignee, its severity, and whether the records vouch for that assignee on it. */
export type LegacyAssignee = readonly [engineer: string, severity: number, vouched: boolean];

/**
 * A NotificationWorld (enterprise) with another account, Globex, whose CSM is OTHER_CSM, and a case
 * per entry of `assigned`, each assigned as an earlier release let through (appendLegacyAssignment),
 * then one nobody is on yet; the projections caught up. For the `assigneeVouched` filters (the
 * queues', the case list's), which must find exactly the cases `vouched` and `unvouched` name.
 */
export async function worldWithLegacyAssignees(
  t: TestApp,
  assigned: readonly LegacyAssignee[],
): Promise<{ world: NotificationWorld; vouched: string[]; unvouched: string[] }> {
  const world = await new NotificationWorld(t).setUp('enterprise');
  const globex = await world.call('admin', 'POST', '/v1/accounts', { name: 'Globex' });
  await world.call('admin', 'PUT', `/v1/accounts/${globex.id}/csm`, { email: OTHER_CSM });
  const vouched: string[] = [];
  const unvouched: string[] = [];
  for (const [index, [engineer, severity, isVouched]] of assigned.entries()) {
    const caseId = await world.openCase(`Case ${index}`, severity);
    await appendLegacyAssignment(t, caseId, {
      engineer,
      by: PEOPLE.engineer.email,
      correlationId: `assigned-${caseId}`,
    });
    (isVouched ? vouched : unvouched).push(caseId);
  }
  await world.openCase('Nobody on it yet', 2);
  if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
  return { world, vouched, unvouched };
}

/** Every page of `url` at `limit` rows, in order, following each page's cursor. */
export async function allPages<Row>(
  world: NotificationWorld,
  url: string,
  limit: number,
  person: Person = 'engineer',
): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await world.read(
      person,
      `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    rows.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  return { rows, pages };
}
