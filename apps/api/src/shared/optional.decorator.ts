import { ValidateIf } from 'class-validator';

/**
 * An optional field: it may be left out, but when present it must be valid. Unlike
 * class-validator's IsOptional, `null` is not "left out": it is validated (and refused by the
 * type checks), so commands never carry nulls where the domain expects a value or nothing.
 */
export const OptionalField = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
