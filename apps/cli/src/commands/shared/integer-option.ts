import { InvalidArgumentError } from 'commander';
import {
  decimalInteger,
  integerRangeText,
  type IntegerRange,
} from '../../../../api/src/config/environment-values';

/**
 * A number option read as the environment's integers are (decimalInteger): Number() took `1e3` as
 * 1000 and `0x10` as 16, which the same number in a variable would have been refused for.
 */
export function integerOption(range: IntegerRange): (value: string) => number {
  return (value) => {
    const parsed = decimalInteger(value, range);
    if (parsed === undefined) throw new InvalidArgumentError(`must be ${integerRangeText(range)}`);
    return parsed;
  };
}
