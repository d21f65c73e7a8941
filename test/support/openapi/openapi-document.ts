import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp } from '../test-app';

/** A schema of the OpenAPI document, as far as these checks read it. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
}

/** One operation of the document, as far as these checks read it. */
export interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  parameters?: { name: string; in: string; schema?: Schema }[];
  responses: Record<
    string,
    { content?: Record<string, { schema?: Schema }>; headers?: Record<string, { schema?: Schema }> }
  >;
}

/** An operation with where it is: `GET /v1/cases/{caseId}`. */
export interface Route {
  method: string;
  path: string;
  operation: Operation;
}

/** The served OpenAPI document (/docs-json), read as a client reads it: refs followed, allOf merged. */
export class OpenApiDocument {
  private constructor(
    readonly document: {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
      security?: Record<string, string[]>[];
      info?: { description?: string };
    },
  ) {}

  /** Every operation, in the document's order. */
  routes(): Route[] {
    return Object.entries(this.document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
      })),
    );
  }

  /** Fetched from a fresh test app, which is closed again at once. */
  static async served(): Promise<OpenApiDocument> {
    const t = await startTestApp();
    try {
      return await OpenApiDocument.of(t.app);
    } finally {
      await t.close();
    }
  }

  /** The document `app` serves. */
  static async of(app: NestFastifyApplication): Promise<OpenApiDocument> {
    return new OpenApiDocument((await app.inject({ method: 'GET', url: '/docs-json' })).json());
  }

  /** The 200 response's schema of `GET path` for `contentType`, resolved (undefined when undocumented). */
  okSchema(path: string, contentType = 'application/json'): Schema | undefined {
    const schema = this.document.paths[path]?.get?.responses['200']?.content?.[contentType]?.schema;
    return schema && this.resolve(schema);
  }

  /** The JSON body schema `method path` takes, resolved (undefined when it takes none). */
  requestSchema(method: string, path: string): Schema | undefined {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    const schema = operation?.requestBody?.content['application/json']?.schema;
    return schema && this.resolve(schema);
  }

  /** The property at `path` (dot-separated; `[]` steps into an array's items), resolved. */
  property(schema: Schema | undefined, path: string): Schema | undefined {
    return path.split('.').reduce<Schema | undefined>((current, step) => {
      if (current === undefined) return undefined;
      if (step === '[]') return current.items && this.resolve(current.items);
      const next = current.properties?.[step];
      return next && this.resolve(next);
    }, schema);
  }

  /** `schema` with its `$ref` followed and its `allOf` merged, as a client reads it. */
  resolve(schema: Schema): Schema {
    if (schema.$ref) {
      const { $ref, ...rest } = schema;
      return this.resolve({
        ...this.document.components.schemas[$ref.replace('#/components/schemas/', '')],
        ...rest,
      });
    }
    if (schema.allOf) {
      const { allOf, ...own } = schema;
      const parts = allOf.map((part) => this.resolve(part));
      return {
        ...Object.assign({}, ...parts),
        ...own,
        properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      };
    }
    return schema;
  }
}
