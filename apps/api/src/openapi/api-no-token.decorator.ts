import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The security scheme of /metrics when METRICS_TOKEN is set: the scraper's token, not a person's JWT. */
export const METRICS_TOKEN_SCHEME = 'metrics-token';

/**
 * For the OpenAPI document: the route answers without a token (the document's default is the
 * bearer JWT), so generated clients call it without credentials. With `optionalScheme`, a token of
 * that scheme may be sent too (an admin's JWT on /health gets the full report).
 * Goes with `@Public()`, which tells the guard the same.
 */
export const ApiNoTokenNeeded = (optionalScheme?: string) =>
  applyDecorators(ApiSecurity({}), ...(optionalScheme ? [ApiSecurity(optionalScheme)] : []));

/**
 * `security: [{}]` (the one requirement is none) as OpenAPI spells it most plainly: `security: []`.
 * Nest drops an empty list from an operation, so the empty requirement is written first, then this.
 */
export function spellNoTokenNeeded(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths))
    for (const operation of Object.values(operations as Record<string, { security?: object[] }>)) {
      const security = operation?.security;
      if (security?.length === 1 && Object.keys(security[0]).length === 0) operation.security = [];
    }
  return document;
}
