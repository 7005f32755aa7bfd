import type { CrmAppDefinition } from '@crm/application';
import { QueryApiModule } from './query-api.module';

export const queryApiApp: CrmAppDefinition = {
  name: 'query-api',
  description: 'The read side: unified customer view, loyalty, service queues, audit',
  features: [QueryApiModule],
  needs: { eventStore: true, readStore: true },
};
