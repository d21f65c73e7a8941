import type { OpenApiDocument, Schema } from './openapi-document';

/**
 * The fields of `value` its schema does not declare, as paths (`items[].assigneeVouched`). Ajv
 * takes them (the document does not say `additionalProperties: false`), but a client generated
 * with strict models drops them: a field the server sends and the document leaves out is one no
 * such client ever reads. An object schema with no `properties` (free-form: an event's `data`)
 * declares whatever it holds; of alternatives (`anyOf`, `oneOf`) the one declaring the most of it counts.
 */
export function undeclaredFields(docs: OpenApiDocument, schema: Schema, value: unknown, at = ''): string[] {
  const resolved = docs.resolve(schema);
  const alternatives = resolved.anyOf ?? resolved.oneOf;
  if (alternatives) {
    const verdicts = alternatives.map((alternative) => undeclaredFields(docs, alternative, value, at));
    return verdicts.reduce((fewest, verdict) => (verdict.length < fewest.length ? verdict : fewest));
  }
  if (Array.isArray(value)) {
    if (!resolved.items) return [];
    const items = resolved.items;
    return [...new Set(value.flatMap((item) => undeclaredFields(docs, items, item, `${at}[]`)))];
  }
  if (value === null || typeof value !== 'object') return [];
  const properties = resolved.properties;
  if (!properties) {
    const extra = resolved.additionalProperties;
    if (typeof extra !== 'object') return [];
    return Object.entries(value).flatMap(([key, field]) =>
      undeclaredFields(docs, extra, field, `${at}.${key}`),
    );
  }
  return Object.entries(value).flatMap(([key, field]) => {
    const path = at ? `${at}.${key}` : key;
    const declared = properties[key];
    return declared ? undeclaredFields(docs, declared, field, path) : [`${path} not declared`];
  });
}
