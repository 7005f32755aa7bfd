import { runCrmApp } from '@crm/application';
import { queryApiApp } from './query-api.app';

void runCrmApp(queryApiApp);
