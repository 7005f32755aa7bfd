import { runCrmApp } from '@crm/application';
import { projectorApp } from './projector.app';

void runCrmApp(projectorApp);
