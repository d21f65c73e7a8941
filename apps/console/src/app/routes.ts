/** The engineer queues of API.md, in the order the console lists them. */
export const QUEUES = [
  'open',
  'unassigned',
  'mine',
  'escalated',
  'breaching',
  'at-risk',
  'awaiting-customer',
  'mission-critical',
] as const;
export type QueueName = (typeof QUEUES)[number];

/** The escalations board's states (GET /v1/escalations `state`), in the order the console offers them. */
export const ESCALATION_BOARDS = ['open', 'overdue', 'all'] as const;
export type EscalationBoard = (typeof ESCALATION_BOARDS)[number];

/** Every page of the console, addressed by the URL's hash so the API serves one static index.html. */
export type Route =
  | { page: 'home' }
  | { page: 'sign-in' }
  | { page: 'queue'; queue: QueueName; severity?: number; product?: string; limit?: number }
  | { page: 'cases'; status?: string; severity?: number }
  | { page: 'new-case' }
  | { page: 'case'; caseId: string }
  | { page: 'audit'; caseId: string }
  | { page: 'dashboard'; from?: string; to?: string; product?: string }
  | {
      page: 'escalations';
      /** Absent: the open board, the API's default. */
      state?: Exclude<EscalationBoard, 'open'>;
      severity?: number;
      product?: string;
      accountId?: string;
      limit?: number;
    }
  | { page: 'licences' }
  | { page: 'licence'; licenceId: string }
  | { page: 'not-found'; path: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The path's segments, decoded; undefined for a malformed escape (`%E0%A4%A`): no page has it. */
function decodedSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

export function parseRoute(hash: string): Route {
  const [rawPath, rawQuery = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(rawQuery);
  const segments = decodedSegments(path);
  if (segments === undefined) return { page: 'not-found', path };

  if (segments.length === 0) return { page: 'home' };
  const [first, second, third] = segments;
  if (first === 'sign-in' && segments.length === 1) return { page: 'sign-in' };
  if (first === 'queues' && segments.length <= 2) {
    const queue = (second ?? 'open') as QueueName;
    if (!QUEUES.includes(queue)) return { page: 'not-found', path };
    return { page: 'queue', queue, ...severityOf(query), ...textOf(query, 'product'), ...limitOf(query) };
  }
  if (first === 'cases' && segments.length === 1) {
    return { page: 'cases', ...severityOf(query), ...textOf(query, 'status') };
  }
  if (first === 'cases' && second === 'new' && segments.length === 2) return { page: 'new-case' };
  if (first === 'cases' && second && ID.test(second)) {
    if (segments.length === 2) return { page: 'case', caseId: second };
    if (third === 'audit' && segments.length === 3) return { page: 'audit', caseId: second };
  }
  if (first === 'escalations' && segments.length === 1) {
    const state = query.get('state');
    const accountId = query.get('accountId') ?? '';
    return {
      page: 'escalations',
      ...(state === 'overdue' || state === 'all' ? { state } : {}),
      ...severityOf(query),
      ...textOf(query, 'product'),
      ...(ID.test(accountId) ? { accountId } : {}),
      ...limitOf(query),
    };
  }
  if (first === 'licences' && segments.length === 1) return { page: 'licences' };
  if (first === 'licences' && second && ID.test(second) && segments.length === 2)
    return { page: 'licence', licenceId: second };
  if (first === 'dashboard' && segments.length === 1) {
    const from = query.get('from') ?? '';
    const to = query.get('to') ?? '';
    return {
      page: 'dashboard',
      ...(DAY.test(from) ? { from } : {}),
      ...(DAY.test(to) ? { to } : {}),
      ...textOf(query, 'product'),
    };
  }
  return { page: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'sign-in':
      return '#/sign-in';
    case 'queue':
      return `#/queues/${route.queue}${search({ severity: route.severity, product: route.product, limit: route.limit })}`;
    case 'cases':
      return `#/cases${search({ status: route.status, severity: route.severity })}`;
    case 'new-case':
      return '#/cases/new';
    case 'case':
      return `#/cases/${encodeURIComponent(route.caseId)}`;
    case 'audit':
      return `#/cases/${encodeURIComponent(route.caseId)}/audit`;
    case 'dashboard':
      return `#/dashboard${search({ from: route.from, to: route.to, product: route.product })}`;
    case 'escalations':
      return `#/escalations${search({
        state: route.state,
        severity: route.severity,
        product: route.product,
        accountId: route.accountId,
        limit: route.limit,
      })}`;
    case 'licences':
      return '#/licences';
    case 'licence':
      return `#/licences/${encodeURIComponent(route.licenceId)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

function severityOf(query: URLSearchParams): { severity?: number } {
  const severity = Number(query.get('severity'));
  return [1, 2, 3].includes(severity) ? { severity } : {};
}

/** Page size, as the API allows it (1 to 200). */
function limitOf(query: URLSearchParams): { limit?: number } {
  const limit = Number(query.get('limit'));
  return Number.isInteger(limit) && limit >= 1 && limit <= 200 ? { limit } : {};
}

function textOf<Key extends string>(query: URLSearchParams, key: Key): Partial<Record<Key, string>> {
  const value = query.get(key)?.trim();
  return value ? ({ [key]: value.slice(0, 200) } as Partial<Record<Key, string>>) : {};
}

function search(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
