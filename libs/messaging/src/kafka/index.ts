export * from './kafka.event-bus';
export * from './event-rejected.error';
