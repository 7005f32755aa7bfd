import { runCrmApp } from '@crm/application';
import { EventRelayModule } from './event-relay.module';

void runCrmApp('event-relay', "Publishes the event store's global log to Kafka", [EventRelayModule], { eventStore: true, bus: true, readStore: true });
