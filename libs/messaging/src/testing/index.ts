export * from './event-bus.contract';
export * from './eventually';
export * from './gate';
export * from './recorded-events.fixtures';
