import Database from 'better-sqlite3';
import { customerStreamId } from '@crm/contracts';
import { createEventStoreFile } from './append-workload';
import { decideHistory } from './customer-history';
import { benchCustomerId } from './event-fixtures';

const TEMPLATE_ID = benchCustomerId(0xfffffff);
const SEED_CUSTOMERS_PER_TRANSACTION = 5_000;
const MOST_COMMANDS = 6;

export interface CustomerLog {
  customers: number;
  events: number;
}

interface SeedRow {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

/** The commands of a customer's history, each with the events it produced, in order. */
function templateCommands(): SeedRow[][] {
  const commands = new Map<string, SeedRow[]>();
  for (const event of decideHistory(TEMPLATE_ID, 40)) {
    const row = { eventId: event.eventId, type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), recordedAt: event.metadata.recordedAt };
    commands.set(event.metadata.causationId, [...(commands.get(event.metadata.causationId) ?? []), row]);
  }
  return [...commands.values()];
}

/**
 * Fills an event store file with about `events` events of customers whose histories run 2 to
 * 6 commands (7 to 17 events, 11 on average), interleaved the way a live log is: every
 * customer's first command, then every second one, and so on, each command's events together
 * as one append writes them. A page of the log so touches thousands of customers. Histories
 * are decided once by the real decider and copied per customer with its own id. Rows go in
 * through plain INSERTs with synchronous=OFF: seeding is not what is measured, and the rows are
 * exactly those the store writes.
 */
export async function seedCustomerLog(filename: string, events: number): Promise<CustomerLog> {
  await createEventStoreFile(filename);
  const template = templateCommands();
  const commandsOf = (customer: number) => MOST_COMMANDS - (customer % 5);
  const eventsOf = (customer: number) => template.slice(0, commandsOf(customer)).reduce((sum, command) => sum + command.length, 0);
  let customers = 0;
  for (let total = 0; total < events; customers++) total += eventsOf(customers);

  const db = new Database(filename);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(`INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const revisions = new Array<number>(customers).fill(0);
  const appendCommand = db.transaction((command: number, fromCustomer: number, toCustomer: number) => {
    for (let customer = fromCustomer; customer < toCustomer; customer++) {
      if (command >= commandsOf(customer)) continue;
      const id = benchCustomerId(customer);
      for (const event of template[command]) {
        insert.run(customerStreamId(id), revisions[customer]++, event.eventId, event.type, event.data.split(TEMPLATE_ID).join(id), event.metadata, event.recordedAt);
      }
    }
  });
  for (let command = 0; command < MOST_COMMANDS; command++) {
    for (let from = 0; from < customers; from += SEED_CUSTOMERS_PER_TRANSACTION) {
      appendCommand(command, from, Math.min(from + SEED_CUSTOMERS_PER_TRANSACTION, customers));
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { customers, events: revisions.reduce((sum, count) => sum + count, 0) };
}
