import type { CrmAppDefinition } from '@crm/application';
import { ProjectorModule } from './projector.module';

export const projectorApp: CrmAppDefinition = {
  name: 'projector',
  description: 'Builds the read models from Kafka and runs the policies that react to the log',
  features: [ProjectorModule],
  needs: { eventStore: true, bus: true, readStore: true },
};
