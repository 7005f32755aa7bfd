export * from './integration-schemas';
