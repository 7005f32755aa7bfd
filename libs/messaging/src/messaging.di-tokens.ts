export const EVENT_BUS = Symbol('EVENT_BUS');
