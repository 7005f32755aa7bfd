export * from './event-relay.module';
