export * from './query-api.module';
