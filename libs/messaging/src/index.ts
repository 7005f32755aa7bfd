export * from './event-bus.port';
export * from './messaging.di-tokens';
export * from './in-process.event-bus';
export * from './kafka';
