import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { ProblemException } from './problem';

/** Turns an application error into a ProblemException, or leaves it (undefined) for the next mapper. */
export type ErrorMapper = (error: unknown) => ProblemException | undefined;

/**
 * The last stop for every error: known ones become their problem body, anything else a 500
 * without internals (the stack goes to the log, never to the client).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly mappers: ErrorMapper[] = [],
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const mapped = this.mappers.reduce<ProblemException | undefined>((found, map) => found ?? map(error), undefined);
    const http = mapped ?? (error instanceof HttpException ? error : undefined);
    if (http) {
      const status = http.getStatus();
      const response = http.getResponse();
      const body =
        typeof response === 'object'
          ? { statusCode: status, ...(response as object) }
          : { statusCode: status, error: HttpStatus[status], message: response };
      void reply.status(status).send(body);
      return;
    }
    this.logger.error({ err: error }, 'unhandled error');
    void reply
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .send({ statusCode: 500, error: 'Internal Server Error', message: 'An unexpected error occurred' });
  }
}
