import { runCrmApp } from '@crm/application';
import { eventRelayApp } from './event-relay.app';

void runCrmApp(eventRelayApp);
