import { excludeSystemEvents, NO_STREAM } from '@eventstore/db-client';
import { newEvent } from '../testing';
import { matchesAllFilter, toServerFilter } from './esdb.filter';
import { fromEsdbMetadata, toActualRevision, toEsdbMetadata, toReadPosition } from './esdb.mapping';

// The pure translations between the port and the EventStoreDB client; the adapter's behaviour
// against a server is the contract suite's job (esdb.event-store.spec.ts).
describe('EventStoreDB mapping', () => {
  const recorded = (streamId: string, type: string) => ({ ...newEvent(1, type), streamId, revision: 0, globalPosition: 10 });

  it('reports a missing stream as actual revision -1', () => {
    expect(toActualRevision(NO_STREAM)).toBe(-1);
    expect(toActualRevision(BigInt(4))).toBe(4);
  });

  it('resumes after a checkpoint from the start, or from the checkpoint as commit and prepare position', () => {
    expect(toReadPosition(undefined)).toBe('start');
    expect(toReadPosition(-1)).toBe('start');
    expect(toReadPosition(1234)).toEqual({ commit: BigInt(1234), prepare: BigInt(1234) });
  });

  it('round-trips stream metadata, leaving out what is not set', () => {
    const metadata = { truncateBefore: 3, maxCount: 10, custom: { erased: true } };

    expect(toEsdbMetadata(metadata)).toEqual({ truncateBefore: 3, maxCount: 10, custom: { erased: true } });
    expect(Object.keys(toEsdbMetadata({ maxAge: 60 }))).toEqual(['maxAge']);
    expect(fromEsdbMetadata(toEsdbMetadata(metadata))).toEqual(metadata);
    expect(fromEsdbMetadata(undefined)).toEqual({});
  });

  it('keeps system events out, and requires every given filter criterion', () => {
    const filter = { streamPrefixes: ['customer-'], eventTypes: ['CustomerRegistered'] };

    expect(matchesAllFilter(recorded('$$customer-1', '$metadata'), undefined)).toBe(false);
    expect(matchesAllFilter(recorded('customer-1', 'CustomerRegistered'), filter)).toBe(true);
    expect(matchesAllFilter(recorded('deal-1', 'CustomerRegistered'), filter)).toBe(false);
    expect(matchesAllFilter(recorded('customer-1', 'CustomerRegisteredAgain'), filter)).toBe(false);
  });

  it('asks the server for stream prefixes first, else exact event types, else no system events', () => {
    expect(toServerFilter({ streamPrefixes: ['customer-'], eventTypes: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['customer-'],
    });
    expect(toServerFilter({ eventTypes: ['Customer.Registered', 'B'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:Customer\\.Registered|B)$',
    });
    expect(toServerFilter(undefined)).toEqual(excludeSystemEvents());
  });
});
