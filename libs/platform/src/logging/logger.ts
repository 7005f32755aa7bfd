import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Credentials never reach the log, whichever object carries the headers. */
const REDACTED = ['authorization', 'x-api-key', 'cookie'].flatMap((header) => [
  `req.headers.${header}`,
  `request.headers.${header}`,
  `headers.${header}`,
  `headers["${header}"]`,
]);

export function createLogger(level: string, name = 'crm'): Logger {
  return pino({ name, level, base: { pid: process.pid, service: name }, redact: { paths: [...new Set(REDACTED)], censor: '[redacted]' } });
}

/** Routes Nest's own log lines into the same structured pino stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
