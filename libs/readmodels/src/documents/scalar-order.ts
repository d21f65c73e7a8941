import type { Scalar } from '../read-model-store.port';

/**
 * The order SQLite gives indexed values, reproduced in JavaScript for documents that only exist
 * in a batch's unit of work: null first, then numbers (booleans count as 0/1, as SQLite stores
 * them), then strings by code point (SQLite's BINARY collation compares UTF-8 bytes, which is
 * code-point order; JavaScript's `<` compares UTF-16 units, which is not).
 */
export function compareScalars(left: Scalar, right: Scalar): number {
  const rankDifference = rank(left) - rank(right);
  if (rankDifference !== 0) return Math.sign(rankDifference);
  if (left === null || right === null) return 0;
  if (typeof left === 'string' && typeof right === 'string') return compareCodePoints(left, right);
  return Math.sign(Number(left) - Number(right));
}

function rank(value: Scalar): number {
  if (value === null) return 0;
  return typeof value === 'string' ? 2 : 1;
}

function compareCodePoints(left: string, right: string): number {
  if (left === right) return 0;
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

export function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
