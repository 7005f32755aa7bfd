import { HttpStatus, ValidationPipe, type ArgumentMetadata, type Type, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ProblemException, type FieldProblem } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const isEmptyObject = (value: unknown): boolean => typeof value === 'object' && value !== null && Object.keys(value).length === 0;

/**
 * Nest's ValidationPipe, except that a request without query parameters is validated once per
 * query class: whether an empty query is valid depends on the class alone, and most reads
 * carry none, so each of them would otherwise pay a full validation to learn the same answer.
 */
class QueryAwareValidationPipe extends ValidationPipe {
  private readonly acceptsEmptyQuery = new WeakSet<Type<unknown>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !isEmptyObject(value) || !this.toValidate(metadata)) return super.transform(value, metadata);
    if (this.acceptsEmptyQuery.has(metatype)) return plainToInstance(metatype, {}, this.transformOptions);
    const query = await super.transform(value, metadata);
    this.acceptsEmptyQuery.add(metatype);
    return query;
  }
}

/** Whitelisting validation whose 400 names every failing field (nested paths included). */
export function createValidationPipe(): ValidationPipe {
  return new QueryAwareValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ProblemException(HttpStatus.BAD_REQUEST, 'The request is invalid', flatten(errors)),
  });
}
