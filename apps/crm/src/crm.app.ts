import type { CrmAppDefinition } from '@crm/application';
import { CommandApiModule } from '@crm/command-api';
import { EventRelayModule } from '@crm/event-relay';
import { ProjectorModule } from '@crm/projector';
import { QueryApiModule } from '@crm/query-api';

// The whole loop in one process: write → relay → project → query, on whichever adapters the config names.
export const crmApp: CrmAppDefinition = {
  name: 'crm',
  description: 'Event-sourced CRM: commands, unified customer view, loyalty, service queues and audit',
  features: [CommandApiModule, ProjectorModule, EventRelayModule, QueryApiModule],
  needs: { eventStore: true, bus: true, readStore: true },
};
