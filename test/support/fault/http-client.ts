import type { Requester } from './seed';

/** One HTTP answer, read completely. `body` is parsed JSON when the answer was JSON, else text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A transport failure (connection refused or reset: the server died mid-request), not an HTTP answer. */
export class NoAnswer extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`${method} ${path}: no answer (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
  }
}

/** A small client for the API child over loopback, with Node's fetch. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  get(path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
    return this.request('GET', path, options);
  }

  post(path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
    return this.request('POST', path, options);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      text = await response.text();
    } catch (error) {
      throw new NoAnswer(method, path, error);
    }
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    return {
      status: response.status,
      headers: response.headers,
      body: isJson && text ? JSON.parse(text) : text,
    };
  }

  /** This client as the transport-neutral `Requester` the seeding helpers take. */
  requester(): Requester {
    return (method, path, token, body) => this.request(method, path, { token, body });
  }

  /** Polls GET /health until it answers `up` with every projection caught up. */
  async waitUntilCaughtUp(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      const health = await this.get('/health');
      last = health.body;
      const report = health.body as { status?: string; projections?: { lag: number }[] };
      if (report.status === 'up' && report.projections?.every((projection) => projection.lag === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Projections did not catch up within ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }
}
