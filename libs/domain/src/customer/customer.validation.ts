import type { DomainRules } from '../config/domain-rules';
import { addMinutes, isAfter, isIsoTimestamp } from '../shared/time';
import { InvalidCommandError } from './customer.errors';

/**
 * Checks a command's fields. The HTTP shell validates shapes too, but commands also come from
 * imports and processes, and the domain must not record a fact it cannot stand behind.
 */
export function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidCommandError(field, 'must be a non-empty string');
  return value;
}

export function optionalText(field: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireText(field, value);
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: Readonly<Record<T, true>>): T {
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(allowed, value)) {
    throw new InvalidCommandError(field, `must be one of ${Object.keys(allowed).join(', ')}`);
  }
  return value as T;
}

export function requireAmount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidCommandError(field, 'must be a finite number >= 0');
  return value;
}

export function requirePositiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new InvalidCommandError(field, 'must be an integer >= 1');
  return value;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidCommandError(field, 'must be a boolean');
  return value;
}

/** A business time: ISO 8601 and not further ahead of the command's clock than the tolerance allows. */
export function requireBusinessTime(field: string, value: unknown, now: string, rules: DomainRules): string {
  if (!isIsoTimestamp(value)) throw new InvalidCommandError(field, 'must be an ISO 8601 timestamp with a time zone');
  if (isAfter(value, addMinutes(now, rules.time.futureToleranceMinutes))) {
    throw new InvalidCommandError(field, `must not be more than ${rules.time.futureToleranceMinutes} minutes in the future`);
  }
  return value;
}

/** Copies the defined entries only: event data stays plain JSON, without undefined values. */
export function definedOnly<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
