import { describeEventStoreContract } from '../testing';
import { createEsdbEventStore } from './esdb.event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

// Needs a running server: `docker compose up eventstoredb`, then
// EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npx jest libs/event-store
describeEventStoreContract(
  connectionString ? 'EventStoreDB' : 'EventStoreDB (set EVENTSTORE_CONNECTION_STRING to run)',
  connectionString ? async () => createEsdbEventStore(connectionString) : undefined,
);
