import { Module } from '@nestjs/common';
import { ReadModelRebuilds } from './admin/read-model-rebuilds';
import { ReadModelsAdminHttpController } from './admin/read-models.admin.http.controller';
import { AuditHttpController } from './audit/audit.http.controller';
import { CustomersHttpController } from './customers/customers.http.controller';
import { LoyaltyHttpController } from './loyalty/loyalty.http.controller';
import { ReadModelCollections } from './read-model-collections';
import { ServiceQueuesHttpController } from './service-queues/service-queues.http.controller';

/** The read side: departments' views, loyalty, service queues, and the auditors' replay. */
@Module({
  controllers: [
    CustomersHttpController,
    LoyaltyHttpController,
    ServiceQueuesHttpController,
    AuditHttpController,
    ReadModelsAdminHttpController,
  ],
  providers: [ReadModelCollections, ReadModelRebuilds],
})
export class QueryApiModule {}
