/**
 * Thrown by a batch handler that cannot apply one event of the batch, ever (a poison event:
 * it breaks an invariant of the read model, or a bug meets it). The transport parks that event
 * where an operator can see it and hands the handler the rest of the batch again, so one bad
 * event does not stall its partition. Any other error means "try the whole batch again later".
 */
export class EventRejectedError extends Error {
  constructor(
    readonly eventId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`event ${eventId} rejected: ${reason}`, options);
    this.name = 'EventRejectedError';
  }
}
