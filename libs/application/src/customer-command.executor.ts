import { randomUUID } from 'node:crypto';
import { customerStreamId, type NewEvent } from '@crm/contracts';
import { CUSTOMER_EVENT_SCHEMA_VERSIONS, type CustomerCommand, type CustomerDecider, type CustomerEvent } from '@crm/domain';
import { ConcurrencyError, type EventStore } from '@crm/event-store';
import { IdempotencyKeyReusedError } from './application.errors';
import type { CommandContext } from './command-context';
import { catchUpCustomer, loadCustomer, toDomainEvent } from './customer-stream';
import { FoldedStreamCache, keyedAppendsOf, type FoldedStream, type KeyedAppend } from './folded-stream.cache';

export interface CommandOutcome {
  customerId: string;
  /** The stream's revision after the command (unchanged when it produced no event). */
  revision: number;
  events: CustomerEvent[];
  /** True when an Idempotency-Key matched an earlier identical request: nothing was appended. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 5;
/** Events folded into the states kept in memory (about 100 bytes of state each at most); beyond it the least recently used are read again. */
const DEFAULT_FOLDED_EVENTS = 500_000;

/**
 * The generic command handler: fold the stream, decide, append with the revision folded. A
 * concurrent writer makes the append fail; without If-Match the command is decided again on
 * the fresh state. Idempotency keys are stored on the events themselves, so the check is atomic
 * with the append.
 *
 * The fold of each recently used stream stays in memory, so a command costs a decide and an
 * append rather than a read and fold of the whole history. Another process may have appended
 * since (scale-out), so a remembered fold is trusted only where the append's expected revision
 * confirms it: any other outcome decided on one (a rejection, nothing to record, a stale
 * If-Match) is decided again on the fold caught up with the events appended since, read alone.
 * A key found in memory is a committed fact, so its replay needs no confirmation.
 */
export class CustomerCommandExecutor {
  private readonly folded: FoldedStreamCache;

  constructor(
    private readonly store: EventStore,
    private readonly decider: CustomerDecider,
    private readonly newEventId: () => string = randomUUID,
    foldedEvents: number = DEFAULT_FOLDED_EVENTS,
  ) {
    this.folded = new FoldedStreamCache(foldedEvents);
  }

  async execute(command: CustomerCommand, context: CommandContext): Promise<CommandOutcome> {
    const customerId = command.data.customerId;
    const remembered = this.folded.get(customerId);
    if (remembered) {
      const outcome = await this.decideAndAppend(command, context, remembered).catch(() => undefined);
      if (outcome && (outcome.replayed || outcome.events.length > 0)) return outcome;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.decideAndAppend(command, context, await this.read(customerId));
      } catch (error) {
        const retry = error instanceof ConcurrencyError && context.expectedRevision === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }

  /** The stream folded as stored: a remembered fold caught up with what was appended since, or a whole read. */
  private async read(customerId: string): Promise<FoldedStream> {
    const remembered = this.folded.get(customerId);
    const { state, revision, events } = remembered
      ? await catchUpCustomer(this.store, this.decider, customerId, remembered)
      : await loadCustomer(this.store, this.decider, customerId);
    // Keys are facts of the log: a remembered map only grows, as it does after an append.
    const keyedAppends = remembered?.keyedAppends ?? new Map<string, KeyedAppend>();
    for (const [key, appended] of keyedAppendsOf(events)) keyedAppends.set(key, appended);
    const stream = { state, revision, keyedAppends };
    if (revision >= 0) this.folded.offer(customerId, stream);
    return stream;
  }

  private async decideAndAppend(command: CustomerCommand, context: CommandContext, stream: FoldedStream): Promise<CommandOutcome> {
    const customerId = command.data.customerId;
    const earlier = await this.earlierOutcome(customerId, stream, context);
    if (earlier) return earlier;
    if (context.expectedRevision !== undefined && context.expectedRevision !== stream.revision) {
      throw new ConcurrencyError(customerStreamId(customerId), context.expectedRevision, stream.revision);
    }
    const decided = this.decider.decide(command, stream.state);
    if (decided.length === 0) return { customerId, revision: stream.revision, events: [], replayed: false };
    const state = decided.reduce(this.decider.evolve, stream.state);
    const { nextRevision } = await this.store.appendToStream(
      customerStreamId(customerId),
      decided.map((event) => this.toNewEvent(event, context)),
      { expectedRevision: stream.revision === -1 ? 'no_stream' : stream.revision },
    );
    if (context.idempotencyKey !== undefined) {
      stream.keyedAppends.set(context.idempotencyKey, { requestHash: context.requestHash, fromRevision: stream.revision + 1, toRevision: nextRevision });
    }
    // The append succeeded at exactly the revision folded, so the fold of what it appended is the stream as stored.
    this.folded.offer(customerId, { state, revision: nextRevision, keyedAppends: stream.keyedAppends });
    return { customerId, revision: nextRevision, events: decided, replayed: false };
  }

  private async earlierOutcome(customerId: string, stream: FoldedStream, context: CommandContext): Promise<CommandOutcome | undefined> {
    if (context.idempotencyKey === undefined) return undefined;
    const earlier = stream.keyedAppends.get(context.idempotencyKey);
    if (!earlier) return undefined;
    if (earlier.requestHash !== context.requestHash) throw new IdempotencyKeyReusedError(context.idempotencyKey);
    const events = await this.store.readStream(customerStreamId(customerId), {
      fromRevision: earlier.fromRevision,
      maxCount: earlier.toRevision - earlier.fromRevision + 1,
    });
    return { customerId, revision: earlier.toRevision, events: events.map(toDomainEvent), replayed: true };
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
