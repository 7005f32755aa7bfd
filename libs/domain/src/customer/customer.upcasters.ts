import { CUSTOMER_EVENT_SCHEMA_VERSIONS, isCustomerEventType, type CustomerEvent, type CustomerEventType } from './customer.events';

type Upcaster = (data: unknown) => unknown;

/**
 * `UPCASTERS[type][v]` lifts the data of version v to v + 1. Every event is at version 1 today,
 * so the table is empty: a v2 of an event adds its upcaster here and bumps the version in
 * CUSTOMER_EVENT_SCHEMA_VERSIONS, instead of changing what stored v1 events mean.
 */
const UPCASTERS: Partial<Record<CustomerEventType, Record<number, Upcaster>>> = {};

export class UnsupportedEventSchemaError extends Error {
  constructor(type: string, schemaVersion: number) {
    super(`No upcaster for ${type} schema version ${schemaVersion}`);
    this.name = 'UnsupportedEventSchemaError';
  }
}

/** Lifts a stored event's data to the current schema of its type. */
export function upcastCustomerEvent(type: string, schemaVersion: number, data: unknown): CustomerEvent['data'] {
  if (!isCustomerEventType(type)) throw new UnsupportedEventSchemaError(type, schemaVersion);
  const target = CUSTOMER_EVENT_SCHEMA_VERSIONS[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > target) {
    throw new UnsupportedEventSchemaError(type, schemaVersion);
  }
  let current = data;
  for (let version = schemaVersion; version < target; version++) {
    const upcast = UPCASTERS[type]?.[version];
    if (!upcast) throw new UnsupportedEventSchemaError(type, version);
    current = upcast(current);
  }
  return current as CustomerEvent['data'];
}
