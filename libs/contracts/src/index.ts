export * from './recorded-event';
export * from './customer-stream';
export * from './integration';
