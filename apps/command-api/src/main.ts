import { runCrmApp } from '@crm/application';
import { commandApiApp } from './command-api.app';

void runCrmApp(commandApiApp);
