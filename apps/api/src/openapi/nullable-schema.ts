import type { Type } from '@nestjs/common';
import { getSchemaPath } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Null and nothing else, for OpenAPI 3.0, where `nullable` only widens the `type` beside it: a
 * `nullable` next to an `allOf` (what `{type: Dto, nullable: true}` becomes) leaves the `$ref`
 * refusing null, so validators and generated clients reject the null the server sends.
 */
const NULL_ONLY: SchemaObject = { type: 'object', nullable: true, enum: [null] };

/** An object of `model`, or null. The model must be one the document defines (used elsewhere, or ApiExtraModels). */
export const objectOrNull = (model: Type<unknown>): { anyOf: (SchemaObject | ReferenceObject)[] } => ({
  anyOf: [{ $ref: getSchemaPath(model) }, NULL_ONLY],
});

/** One of `values`, or null: OpenAPI 3.0 wants the null among an enum's values for a nullable enum. */
export const enumOrNull = <Value extends string>(values: readonly Value[]) => ({
  type: 'string' as const,
  nullable: true,
  enum: [...values, null],
});
