import { runCrmApp } from '@crm/application';
import { CommandApiModule } from './command-api.module';

void runCrmApp('command-api', 'The write side: every customer touchpoint recorded as an event', [CommandApiModule], { eventStore: true });
