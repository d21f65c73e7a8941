import { parseRoute, Route, routeHref } from './routes';

describe('console routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'home' }],
    ['#/', { page: 'home' }],
    ['#/sign-in', { page: 'sign-in' }],
    ['#/queues', { page: 'queue', queue: 'open' }],
    [
      '#/queues/breaching?severity=1&product=Sitefinity',
      { page: 'queue', queue: 'breaching', severity: 1, product: 'Sitefinity' },
    ],
    ['#/cases?status=resolved', { page: 'cases', status: 'resolved' }],
    ['#/cases/new', { page: 'new-case' }],
    [
      '#/cases/5f2c9a7e-1b2c-4d3e-8f90-0a1b2c3d4e5f',
      { page: 'case', caseId: '5f2c9a7e-1b2c-4d3e-8f90-0a1b2c3d4e5f' },
    ],
    ['#/cases/abc/audit', { page: 'audit', caseId: 'abc' }],
    [
      '#/dashboard?from=2026-02-01&to=2026-02-28&product=Fiddler',
      { page: 'dashboard', from: '2026-02-01', to: '2026-02-28', product: 'Fiddler' },
    ],
    ['#/licences', { page: 'licences' }],
    ['#/escalations', { page: 'escalations' }],
    [
      '#/escalations?state=overdue&severity=1&product=Sitefinity&accountId=0190a5c2-0000-7000-8000-000000000001&limit=10',
      {
        page: 'escalations',
        state: 'overdue',
        severity: 1,
        product: 'Sitefinity',
        accountId: '0190a5c2-0000-7000-8000-000000000001',
        limit: 10,
      },
    ],
    [
      '#/licences/0190a5c2-0000-7000-8000-000000000001',
      { page: 'licence', licenceId: '0190a5c2-0000-7000-8000-000000000001' },
    ],
  ])('reads %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('ignores filters that are not valid and names unknown pages', () => {
    expect(parseRoute('#/queues/open?severity=9&limit=500')).toEqual({ page: 'queue', queue: 'open' });
    expect(parseRoute('#/dashboard?from=yesterday')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/escalations?state=open&accountId=a%20b')).toEqual({ page: 'escalations' });
    expect(parseRoute('#/queues/nonsense')).toEqual({ page: 'not-found', path: '/queues/nonsense' });
    expect(parseRoute('#/cases/a%20b')).toEqual({ page: 'not-found', path: '/cases/a%20b' });
  });

  it('takes a malformed escape in the address for a page that does not exist', () => {
    expect(parseRoute('#/cases/%E0%A4%A')).toEqual({ page: 'not-found', path: '/cases/%E0%A4%A' });
  });

  it('writes routes that read back the same', () => {
    const routes: Route[] = [
      { page: 'queue', queue: 'at-risk', severity: 2, product: 'Kendo UI' },
      { page: 'case', caseId: 'c-1' },
      { page: 'audit', caseId: 'c-1' },
      { page: 'dashboard', from: '2026-02-01', to: '2026-03-01' },
      { page: 'cases', severity: 3 },
      { page: 'escalations', state: 'all', product: 'Kendo UI', limit: 100 },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
