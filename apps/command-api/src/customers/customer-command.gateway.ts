import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext, CommandOutcome, CommandRequest } from '@crm/application';
import type { CustomerCommand } from '@crm/domain';
import { APP_CONFIG, CLOCK, ProblemException, principalOf, type AppConfig, type Clock } from '@crm/platform';
import { ExecuteCustomerCommand } from './execute-customer-command.command';

export interface CommandResponse {
  customerId: string;
  revision: number;
  [id: string]: unknown;
}

const IF_MATCH = /^(?:W\/)?"?(\d+)"?$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The HTTP edge of the write side: builds the command context from the authenticated principal
 * (actor, department) and the request's headers (correlation, Idempotency-Key, If-Match), sends
 * the command on the bus, and answers with the new revision as body and ETag. `X-Actor` and
 * `X-Department` override the principal only with CRM_DEV_HEADERS=true (development).
 */
@Injectable()
export class CustomerCommandGateway {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  contextOf(request: FastifyRequest): CommandContext {
    const idempotencyKey = header(request, 'idempotency-key');
    const ifMatch = header(request, 'if-match');
    let expectedRevision: number | undefined;
    if (ifMatch !== undefined) {
      const match = IF_MATCH.exec(ifMatch.trim());
      if (!match) {
        throw new ProblemException(HttpStatus.BAD_REQUEST, 'If-Match must be a stream revision', [
          { field: 'If-Match', reason: 'must be a non-negative integer revision, e.g. "3"' },
        ]);
      }
      expectedRevision = Number(match[1]);
    }
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Idempotency-Key is invalid', [
        { field: 'Idempotency-Key', reason: 'must be 1 to 200 characters' },
      ]);
    }
    const principal = principalOf(request);
    const dev = this.config.auth.devHeaders;
    return {
      now: this.clock().toISOString(),
      actor: (dev ? header(request, 'x-actor') : undefined) ?? principal.subject,
      department: (dev ? header(request, 'x-department') : undefined) ?? principal.department,
      correlationId: header(request, 'x-correlation-id') ?? randomUUID(),
      commandId: randomUUID(),
      ...(idempotencyKey === undefined
        ? {}
        : {
            idempotencyKey,
            requestHash: createHash('sha256')
              .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
              .digest('hex'),
          }),
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    };
  }

  /** A stable customer id for a registration retried with the same Idempotency-Key by the same actor. */
  newCustomerId(context: CommandContext): string {
    if (context.idempotencyKey === undefined) return randomUUID();
    const hex = createHash('sha256').update(`${context.actor}\n${context.idempotencyKey}`).digest('hex');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    command: CommandRequest,
    context: CommandContext = this.contextOf(request),
    extraIds: (outcome: CommandOutcome) => Record<string, unknown> = () => ({}),
  ): Promise<CommandResponse> {
    const outcome = await this.commandBus.execute(
      new ExecuteCustomerCommand({ ...command, metadata: { now: context.now } } as CustomerCommand, context),
    );
    void reply.header('ETag', `"${outcome.revision}"`);
    if (outcome.replayed) void reply.header('Idempotent-Replayed', 'true');
    return { customerId: outcome.customerId, revision: outcome.revision, ...extraIds(outcome) };
  }
}
