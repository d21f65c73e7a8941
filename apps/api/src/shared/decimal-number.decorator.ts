import { Transform } from 'class-transformer';

/**
 * A number in a query string, read only when written in decimal digits (an optional minus, then
 * 0-9): anything else is left as the text it is, for the validators after it to refuse as not a
 * whole number, naming the parameter. `@Type(() => Number)` took `0x10` as 16, `0b11` as 3, `1e1`
 * as 10, and ` 5`, `+5` and `5.0` as 5, where the document declares an integer and the CLI and
 * settings take decimal digits alone (environment-values.ts).
 */
export const DecimalNumber = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
  );
