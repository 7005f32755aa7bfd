/**
 * Entry of a measured app with the bare endpoints added (a child process of the HTTP scenarios):
 * the app named by BENCH_APP, exactly as its own main starts it, plus BareEndpointModule.
 */
import { runCrmApp } from '@crm/application';
import { commandApiApp } from '../../apps/command-api/src/command-api.app';
import { crmApp } from '../../apps/crm/src/crm.app';
import { BareEndpointModule } from './bare-endpoint.module';

const apps = { crm: crmApp, 'command-api': commandApiApp };
const app = apps[process.env.BENCH_APP as keyof typeof apps];
if (!app) throw new Error(`BENCH_APP must name one of ${Object.keys(apps).join(', ')}`);
void runCrmApp({ ...app, features: [...app.features, BareEndpointModule] });
