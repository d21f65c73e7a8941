import { ProblemDetailsFilter } from './problem-details.filter';
import { problemType } from './problem-details';
import { StorageInconsistentException } from './storage-inconsistent.exception';

const CASE_ID = '01a21e54-bb04-700b-b5f8-c0fa50984241';
const problemFor = (appliedRevision: number, storedRevision: number) =>
  new ProblemDetailsFilter().toProblem(
    new StorageInconsistentException({ stream: `case-${CASE_ID}`, appliedRevision, storedRevision }),
  );

describe('a 503 storage-inconsistent', () => {
  it('names the case, both revisions and what the operator must run, as text and as fields', () => {
    const problem = problemFor(4, 3);
    expect(problem).toMatchObject({
      type: problemType('storage-inconsistent'),
      title: 'Storage inconsistent',
      status: 503,
      stream: `case-${CASE_ID}`,
      appliedRevision: 4,
      storedRevision: 3,
    });
    expect(problem.detail).toBe(
      `The case ${CASE_ID} cannot take changes: the read models applied its events up to revision 4, ` +
        'but its stream in the event store ends at revision 3, so stored events are missing. Nothing was ' +
        'written. An operator must run `casetrail verify`, which names the missing events, and restore ' +
        'the event store before this takes changes again',
    );
  });

  it('says so when the stream holds no event at all, or another event at the revision applied', () => {
    expect(problemFor(0, -1).detail).toContain('but its stream in the event store holds no events,');
    expect(problemFor(2, 2).detail).toContain(
      'but its stream in the event store holds another event at revision 2,',
    );
  });
});

describe('a 503 storage-inconsistent for a read replayed from the stream', () => {
  const evidence = { stream: `case-${CASE_ID}`, appliedRevision: 4, storedRevision: 3 };
  const readProblem = (audience: { staff: boolean; reading: boolean }) =>
    new ProblemDetailsFilter().toProblem(new StorageInconsistentException(evidence, 'read'), audience);

  it('tells staff the evidence, where the loss is reported, and does not claim a write was refused', () => {
    const problem = readProblem({ staff: true, reading: true });
    expect(problem).toMatchObject({ status: 503, ...evidence });
    expect(problem.detail).toBe(
      `The case ${CASE_ID} cannot be replayed from its stream: the read models applied its events up ` +
        'to revision 4, but its stream in the event store ends at revision 3, so stored events are ' +
        'missing. What is left would read as the whole story, so it is not shown. ' +
        `\`GET /v1/cases/${CASE_ID}/integrity\` reports the loss, and \`casetrail replay\` shows the ` +
        'events that are left. An operator must run `casetrail verify`, which names the missing ' +
        'events, and restore the event store',
    );
  });

  it('tells a customer only that the case cannot be shown now, without the stream or revisions', () => {
    const problem = readProblem({ staff: false, reading: true });
    expect(problem).toEqual({
      type: problemType('storage-inconsistent'),
      title: 'Storage inconsistent',
      status: 503,
      detail:
        'This case cannot be shown right now: part of its stored record is unavailable. The problem ' +
        'has been logged for the operator to repair; please try again later',
    });
  });
});

describe('a 503 storage-inconsistent for an event lost from inside the stream', () => {
  const gap = (missingRevision: number, foundRevision: number) => ({
    stream: `case-${CASE_ID}`,
    missingRevision,
    foundRevision,
  });

  it('names the missing revision and the event read in its place, as text and as fields', () => {
    const problem = new ProblemDetailsFilter().toProblem(new StorageInconsistentException(gap(6, 7)));
    expect(problem).toMatchObject({
      status: 503,
      stream: `case-${CASE_ID}`,
      missingRevision: 6,
      foundRevision: 7,
    });
    expect(problem.detail).toBe(
      `The case ${CASE_ID} cannot take changes: its stream in the event store lacks revision 6 (the ` +
        'next stored event is at revision 7), so stored events are missing. Nothing was written. An ' +
        'operator must run `casetrail verify`, which names the missing events, and restore the event ' +
        'store before this takes changes again',
    );
  });

  it('names a lost opening event as such, and a replayed read as a state the case never had', () => {
    const problem = new ProblemDetailsFilter().toProblem(
      new StorageInconsistentException(gap(0, 1), 'read'),
      { staff: true, reading: true },
    );
    expect(problem.detail).toBe(
      `The case ${CASE_ID} cannot be replayed from its stream: its stream in the event store lacks its ` +
        'opening event at revision 0 (its first stored event is at revision 1), so stored events are ' +
        'missing. A state folded from what is left is not one the case had, so it is not shown. ' +
        `\`GET /v1/cases/${CASE_ID}/integrity\` reports the loss, and \`casetrail replay\` shows the ` +
        'events that are left. An operator must run `casetrail verify`, which names the missing ' +
        'events, and restore the event store',
    );
  });
});
