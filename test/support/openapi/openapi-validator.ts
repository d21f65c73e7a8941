import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenApiDocument, Schema } from './openapi-document';

const DOCUMENT_ID = 'openapi';

/**
 * Validates values against schemas of the served document as a strict client does (Ajv with the
 * schemas as published: `nullable` as OpenAPI 3.0 defines it, formats checked), so a value the
 * server sends and the document refuses fails here as it fails a generated client.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<Schema, ValidateFunction>();

  constructor(docs: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ components: (docs.document as { components: unknown }).components }, DOCUMENT_ID);
  }

  /** Ajv's complaints about `value` against `schema` (a schema from the document, unresolved), or [] when it holds. */
  errors(schema: Schema, value: unknown): string[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(withDocumentRefs(schema));
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
  }
}

/** The schema with its `#/components/...` references pointed at the document added to Ajv. */
function withDocumentRefs(schema: Schema): object {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${DOCUMENT_ID}#/components/`));
}
