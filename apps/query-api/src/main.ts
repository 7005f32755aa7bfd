import { runCrmApp } from '@crm/application';
import { QueryApiModule } from './query-api.module';

void runCrmApp('query-api', 'The read side: unified customer view, loyalty, service queues, audit', [QueryApiModule], { eventStore: true, readStore: true });
