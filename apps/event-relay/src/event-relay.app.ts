import type { CrmAppDefinition } from '@crm/application';
import { EventRelayModule } from './event-relay.module';

export const eventRelayApp: CrmAppDefinition = {
  name: 'event-relay',
  description: "Publishes the event store's global log to Kafka",
  features: [EventRelayModule],
  needs: { eventStore: true, bus: true, readStore: true },
};
