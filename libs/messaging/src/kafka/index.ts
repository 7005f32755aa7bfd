export * from './kafka.event-bus';
export { IDEMPOTENT_PRODUCER_CONFIG } from './idempotent.producer';
export { toMessage } from './event-message.codec';
