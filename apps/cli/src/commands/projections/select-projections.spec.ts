import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { selectProjections } from './select-projections';

describe('selectProjections', () => {
  it('selects every projection, or the one named', () => {
    expect(selectProjections()).toEqual(ALL_PROJECTIONS);
    expect(selectProjections('cases').map((projection) => projection.name)).toEqual(['cases']);
  });

  it('selects several named, in the order they run and each once', () => {
    const names = selectProjections(['reporting', 'cases', 'reporting']).map((projection) => projection.name);
    expect(names).toEqual(['cases', 'reporting']);
    expect(selectProjections([])).toEqual(ALL_PROJECTIONS);
    expect(() => selectProjections(['cases', 'queues'])).toThrow('No projection queues');
  });

  it('refuses an unknown name, listing the projections there are', () => {
    expect(() => selectProjections('queues')).toThrow(
      'No projection queues; projections: accounts, licences, cases, reporting',
    );
  });

  it('points a projection merged into another to the one that builds its read models now', () => {
    expect(() => selectProjections('sla-timers')).toThrow(
      'No projection sla-timers (what it built is built by cases now); projections: accounts, licences, cases, reporting',
    );
  });
});
