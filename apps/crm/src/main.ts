import { runCrmApp } from '@crm/application';
import { crmApp } from './crm.app';

void runCrmApp(crmApp);
