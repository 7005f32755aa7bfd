export * from './command-api.module';
