export const EVENT_STORE = Symbol('EVENT_STORE');

/** The store as it holds events, personal data sealed: what the relay publishes. */
export const SEALED_EVENT_STORE = Symbol('SEALED_EVENT_STORE');
