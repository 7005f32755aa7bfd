import type { NewEvent } from '@crm/contracts';
import {
  CUSTOMER_EVENT_SCHEMA_VERSIONS,
  createCustomerDecider,
  defaultDomainRules,
  domainTesting,
  type CustomerCommand,
} from '@crm/domain';
import { benchMetadata, benchUuid } from './event-fixtures';

const PRODUCTS = [
  { product: 'Espresso machine EM-400', category: 'appliances', revenue: 349, cost: 211 },
  { product: 'Burr grinder G-2', category: 'appliances', revenue: 129, cost: 74 },
  { product: 'Descaling kit', category: 'consumables', revenue: 9, cost: 3 },
  { product: 'Single-origin beans 1kg', category: 'coffee', revenue: 32, cost: 17 },
  { product: 'Milk jug 600ml', category: 'accessories', revenue: 19, cost: 6 },
];

/**
 * The i-th command of a long relationship, six hours after the previous one: mostly purchases,
 * with the contacts, surveys, deliveries, campaign responses, payments and complaints around them.
 */
function commandNumber(customerId: string, i: number): CustomerCommand {
  const commands = domainTesting.customerCommands(customerId);
  const at = domainTesting.day(0, i * 6);
  if (i === 0) return commands.register(at, { name: `Bench Customer ${customerId.slice(-6)}`, email: `c${i}@example.com`, source: 'bench' });
  const line = PRODUCTS[i % PRODUCTS.length];
  switch (i % 20) {
    case 0:
      return commands.fileComplaint(`complaint-${i}`, at);
    case 10:
      return i > 20 ? commands.resolveComplaint(`complaint-${i - 10}`, at, i % 40 === 30) : commands.contact(at);
    case 2:
    case 12:
      return commands.contact(at);
    case 4:
    case 14:
      return commands.survey(at, 6 + (i % 5));
    case 6:
    case 16:
      return commands.delivery(`order-${i - 1}`, at);
    case 8:
      return commands.campaignResponse(at);
    case 18:
      return commands.credit(at, 'payment-received', 120);
    default:
      return commands.purchaseLines(`order-${i}`, at, [{ ...line, quantity: 1 + (i % 3) }, { ...PRODUCTS[(i + 2) % PRODUCTS.length], quantity: 1 }]);
  }
}

/**
 * A customer's history as the command path records it: commands decided by the real decider on
 * the state folded so far, each event wrapped with schema version and recording metadata.
 * Stops at exactly `eventCount` events.
 */
export function decideHistory(customerId: string, eventCount: number): NewEvent[] {
  const decider = createCustomerDecider(defaultDomainRules);
  const events: NewEvent[] = [];
  let state = decider.initialState;
  for (let i = 0; events.length < eventCount; i++) {
    const command = commandNumber(customerId, i);
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push({
        eventId: benchUuid(events.length, 4),
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: { ...benchMetadata(i), schemaVersion: CUSTOMER_EVENT_SCHEMA_VERSIONS[event.type], recordedAt: command.metadata.now },
      });
    }
  }
  return events.slice(0, eventCount);
}
