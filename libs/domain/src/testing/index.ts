export * from './decider-specification';
export * from './customer-commands';
