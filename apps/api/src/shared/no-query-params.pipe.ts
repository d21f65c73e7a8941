import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationProblemException } from '../problems/validation-problem.exception';

/**
 * For routes that take no query parameters: refuses any, naming each, as the validation pipe
 * refuses an undeclared one elsewhere (it cannot here: a class without fields validates nothing).
 */
@Injectable()
export class NoQueryParamsPipe implements PipeTransform<Record<string, unknown>, Record<string, never>> {
  transform(query: Record<string, unknown> | undefined): Record<string, never> {
    const names = Object.keys(query ?? {});
    if (names.length > 0) {
      throw new ValidationProblemException(
        names.map((name) => ({ field: name, message: `property ${name} should not exist` })),
      );
    }
    return {};
  }
}
