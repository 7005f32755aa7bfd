import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldProblem } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisting validation whose 400 names every failing field (nested paths included). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ProblemException(HttpStatus.BAD_REQUEST, 'The request is invalid', flatten(errors)),
  });
}
