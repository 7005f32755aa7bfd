export * from './event-bus.port';
export * from './messaging.di-tokens';
export * from './in-process.event-bus';
export * from './kafka';
export * from './start-consumer';
export * from './event-rejected.error';
