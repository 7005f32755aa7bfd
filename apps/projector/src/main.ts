import { runCrmApp } from '@crm/application';
import { ProjectorModule } from './projector.module';

void runCrmApp('projector', 'Builds the read models from Kafka and runs the policies that react to the log', [ProjectorModule], { eventStore: true, bus: true, readStore: true });
