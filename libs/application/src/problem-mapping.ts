import { HttpStatus } from '@nestjs/common';
import { DomainError, InvalidCommandError } from '@crm/domain';
import { ConcurrencyError, PersonalDataShreddedError } from '@crm/event-store';
import { ProblemException, type ErrorMapper } from '@crm/platform';
import { IdempotencyKeyReusedError } from './application.errors';

const statusOfDomainCode: Record<string, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
};

/** Expected failures are values in the core; this is the one place they become HTTP. */
export const mapApplicationError: ErrorMapper = (error) => {
  if (error instanceof InvalidCommandError) {
    return new ProblemException(HttpStatus.BAD_REQUEST, error.message, [{ field: error.field, reason: error.reason }]);
  }
  if (error instanceof DomainError) {
    return new ProblemException(statusOfDomainCode[error.code] ?? HttpStatus.UNPROCESSABLE_ENTITY, error.message, undefined, {
      code: error.code,
    });
  }
  if (error instanceof ConcurrencyError) {
    return new ProblemException(HttpStatus.CONFLICT, 'The customer was changed since the revision given in If-Match', undefined, {
      expectedRevision: error.expected,
      currentRevision: error.actual,
    });
  }
  if (error instanceof PersonalDataShreddedError) {
    return new ProblemException(HttpStatus.CONFLICT, 'The personal data of this customer was erased; new personal data is refused', undefined, {
      code: 'conflict',
    });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, error.message, [
      { field: 'Idempotency-Key', reason: 'already used with a different request' },
    ]);
  }
  return undefined;
};
