/**
 * Names of an object's own machinery. The validation pipe's transformation skips them, so a query
 * parameter or body key so named passed as if it were not there, where any other undeclared one
 * is refused. No field of ours has such a name.
 */
export const OBJECT_MACHINERY: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);
