import { parse as parseContentDisposition } from 'content-disposition';
import { ApiProblem, problemFromBody } from './api-problem';

export type QueryValue = string | number | undefined | null;

export interface CommandOptions {
  /** The revision the user saw: a case changed since is refused with 412 instead of overwritten. */
  ifMatch?: number;
  /** Repeats of one submission (a double click, a retry after a timeout) append nothing twice. */
  idempotencyKey?: string;
}

/** A downloaded representation, with the name the server gave the file (`Content-Disposition`), if any. */
export interface Download {
  blob: Blob;
  fileName?: string;
}

export interface ApiCredentials {
  token(): string | undefined;
  /** The token was refused (expired, revoked): the session is over. */
  onUnauthorized(problem: ApiProblem): void;
}

/** The console's only way to the server: the public HTTP API with the signed-in person's bearer token. */
export class ApiClient {
  constructor(
    private readonly credentials: ApiCredentials,
    private readonly baseUrl = '',
  ) {}

  get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown, options: CommandOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  patch<T>(path: string, body: unknown, options: CommandOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, body, options);
  }

  put<T>(path: string, body: unknown, options: CommandOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }

  /** `body`: for the removals that take an optional reason (unassigning, unsharing, removing a user). */
  delete<T>(path: string, options: CommandOptions = {}, body?: unknown): Promise<T> {
    return this.request<T>('DELETE', path, body, options);
  }

  /** A non-JSON representation (e.g. `text/csv`) as a Blob, for downloads. */
  async download(path: string, query: Record<string, QueryValue>, accept: string): Promise<Download> {
    const response = await this.send('GET', withQuery(path, query), { accept });
    if (!response.ok) throw await this.problemOf(response);
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: CommandOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await this.send(method, path, headers, body);
    if (!response.ok) throw await this.problemOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Response> {
    const token = this.credentials.token();
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw ApiProblem.network(error);
    }
  }

  private async problemOf(response: Response): Promise<ApiProblem> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const problem = problemFromBody(response.status, response.statusText, body);
    if (response.status === 401) this.credentials.onUnauthorized(problem);
    return problem;
  }
}

/** `path?a=1&b=x`, leaving out empty values so filters that are not set are not sent. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The server names an export after what it covers (its period and filters, `filename*` keeping
 * every script's letters); a header that cannot be read leaves the caller's own name.
 */
function fileNameOf(contentDisposition: string | null): string | undefined {
  if (!contentDisposition) return undefined;
  try {
    return parseContentDisposition(contentDisposition).parameters.filename || undefined;
  } catch {
    return undefined;
  }
}
