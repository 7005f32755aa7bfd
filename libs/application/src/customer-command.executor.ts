import { randomUUID } from 'node:crypto';
import { customerStreamId, type NewEvent, type RecordedEvent } from '@crm/contracts';
import { CUSTOMER_EVENT_SCHEMA_VERSIONS, type CustomerCommand, type CustomerDecider, type CustomerEvent } from '@crm/domain';
import { ConcurrencyError, type EventStore } from '@crm/event-store';
import { IdempotencyKeyReusedError } from './application.errors';
import type { CommandContext } from './command-context';
import { loadCustomer, toDomainEvent } from './customer-stream';

export interface CommandOutcome {
  customerId: string;
  /** The stream's revision after the command (unchanged when it produced no event). */
  revision: number;
  events: CustomerEvent[];
  /** True when an Idempotency-Key matched an earlier identical request: nothing was appended. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 5;

/**
 * The generic command handler: read the stream, fold, decide, append with the revision read.
 * A concurrent writer makes the append fail; without If-Match the command is decided again on
 * the fresh state. Idempotency keys are stored on the events themselves, so a retried request
 * finds them in the stream it reads anyway and the check is atomic with the append.
 */
export class CustomerCommandExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly decider: CustomerDecider,
    private readonly newEventId: () => string = randomUUID,
  ) {}

  async execute(command: CustomerCommand, context: CommandContext): Promise<CommandOutcome> {
    const customerId = command.data.customerId;
    for (let attempt = 1; ; attempt++) {
      const { state, revision, events } = await loadCustomer(this.store, this.decider, customerId);
      const earlier = this.earlierOutcome(customerId, events, context);
      if (earlier) return earlier;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new ConcurrencyError(customerStreamId(customerId), context.expectedRevision, revision);
      }
      const decided = this.decider.decide(command, state);
      if (decided.length === 0) return { customerId, revision, events: [], replayed: false };
      try {
        const result = await this.store.appendToStream(
          customerStreamId(customerId),
          decided.map((event) => this.toNewEvent(event, context)),
          { expectedRevision: revision === -1 ? 'no_stream' : revision },
        );
        return { customerId, revision: result.nextRevision, events: decided, replayed: false };
      } catch (error) {
        const retry = error instanceof ConcurrencyError && context.expectedRevision === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }

  private earlierOutcome(customerId: string, events: RecordedEvent[], context: CommandContext): CommandOutcome | undefined {
    if (context.idempotencyKey === undefined) return undefined;
    const earlier = events.filter((event) => event.metadata.idempotencyKey === context.idempotencyKey);
    if (earlier.length === 0) return undefined;
    if (earlier[0].metadata.requestHash !== context.requestHash) throw new IdempotencyKeyReusedError(context.idempotencyKey);
    return { customerId, revision: earlier[earlier.length - 1].revision, events: earlier.map(toDomainEvent), replayed: true };
  }

  private toNewEvent(event: CustomerEvent, context: CommandContext): NewEvent {
    return {
      eventId: this.newEventId(),
      type: event.type,
      data: event.data as unknown as Record<string, unknown>,
      metadata: {
        schemaVersion: CUSTOMER_EVENT_SCHEMA_VERSIONS[event.type],
        recordedAt: context.now,
        correlationId: context.correlationId,
        causationId: context.commandId,
        actor: context.actor,
        department: context.department,
        ...(context.idempotencyKey === undefined
          ? {}
          : { idempotencyKey: context.idempotencyKey, requestHash: context.requestHash }),
      },
    };
  }
}
