/** One field's complaint in a problem+json response. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A failed API call as RFC 9457 problem details (API.md: every error is problem+json), or a
 * network failure dressed the same way, so every page shows errors one way.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldProblem[] = [],
    readonly type?: string,
    /** A "retry later" refusal's instant (problem body `retryAfter`): from when to try again. */
    readonly retryAfter?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiProblem';
  }

  /** Whether the API refused with this problem code (the last part of `type`: `licence-expired`). */
  hasCode(code: string): boolean {
    return this.type?.endsWith(`/${code}`) === true;
  }

  /** The message for one form field, when the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message;
  }

  static network(error: unknown): ApiProblem {
    const reason = error instanceof Error ? error.message : String(error);
    return new ApiProblem(0, 'The API could not be reached', reason);
  }
}

/** Reads a response body as problem details; anything else becomes a generic problem for its status. */
export function problemFromBody(status: number, statusText: string, body: unknown): ApiProblem {
  if (body && typeof body === 'object') {
    const problem = body as Record<string, unknown>;
    const title = typeof problem.title === 'string' ? problem.title : statusText || `HTTP ${status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
    const errors = Array.isArray(problem.errors) ? problem.errors.filter(isFieldProblem) : [];
    const type = typeof problem.type === 'string' ? problem.type : undefined;
    const retryAfter = typeof problem.retryAfter === 'string' ? problem.retryAfter : undefined;
    return new ApiProblem(status, title, detail, errors, type, retryAfter);
  }
  return new ApiProblem(
    status,
    statusText || `HTTP ${status}`,
    typeof body === 'string' && body ? body : undefined,
  );
}

function isFieldProblem(value: unknown): value is FieldProblem {
  const candidate = value as FieldProblem | null;
  return typeof candidate?.field === 'string' && typeof candidate.message === 'string';
}
