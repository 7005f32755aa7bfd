/**
 * Expected failures of a command, as typed errors with a stable `code` the shell maps to a
 * response: 'invalid' (the command itself is wrong), 'not-found', 'conflict' (the state forbids it).
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'invalid' | 'not-found' | 'conflict';

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidCommandError extends DomainError {
  readonly code = 'invalid';

  constructor(readonly field: string, readonly reason: string) {
    super(`Invalid ${field}: ${reason}`);
  }
}

export class CustomerNotFoundError extends DomainError {
  readonly code = 'not-found';

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} is not registered`);
  }
}

export class CustomerAlreadyRegisteredError extends DomainError {
  readonly code = 'conflict';

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} is already registered`);
  }
}

export class ComplaintNotFoundError extends DomainError {
  readonly code = 'not-found';

  constructor(readonly complaintId: string) {
    super(`Complaint ${complaintId} not found for this customer`);
  }
}

export class RecoveryNotFoundError extends DomainError {
  readonly code = 'not-found';

  constructor(readonly recoveryId: string) {
    super(`Recovery ${recoveryId} not found for this customer`);
  }
}

/** The command is well formed but the relationship's state forbids it. */
export class CommandRejectedError extends DomainError {
  readonly code = 'conflict';

  constructor(readonly reason: string) {
    super(reason);
  }
}
