import type { CrmAppDefinition } from '@crm/application';
import { CommandApiModule } from './command-api.module';

export const commandApiApp: CrmAppDefinition = {
  name: 'command-api',
  description: 'The write side: every customer touchpoint recorded as an event',
  features: [CommandApiModule],
  needs: { eventStore: true },
};
