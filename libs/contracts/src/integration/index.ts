export * from './integration-topics';
export * from './public-vocabulary';
export * from './public-message';
export * from './to-integration-messages';
