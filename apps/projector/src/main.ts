import { runCrmApp } from '@crm/application';
import { ProjectorModule } from './projector.module';

void runCrmApp('projector', 'Builds the read models from Kafka', [ProjectorModule], { bus: true, readStore: true });
