/** Who issued a command, and how it relates to what came before: copied onto every event it produces. */
export interface CommandContext {
  now: string;
  actor: string;
  department: string;
  correlationId: string;
  /** The command's own id; the events it produces name it as their cause. */
  commandId: string;
  idempotencyKey?: string;
  /** Hash of the request the idempotency key was first used with. */
  requestHash?: string;
  /** From `If-Match`: the revision the client last saw. */
  expectedRevision?: number;
}
