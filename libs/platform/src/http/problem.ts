import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** The one error body every API answers with: status, a title, a message, and field problems. */
export interface ProblemBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  [extra: string]: unknown;
}

export class ProblemException extends HttpException {
  constructor(status: HttpStatus, message: string, details?: FieldProblem[], extra: Record<string, unknown> = {}) {
    const body: ProblemBody = {
      statusCode: status,
      error: HttpStatus[status]?.replace(/_/g, ' ') ?? 'Error',
      message,
      ...(details ? { details } : {}),
      ...extra,
    };
    super(body, status);
  }
}
