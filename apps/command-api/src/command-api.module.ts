import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ComplaintsHttpController } from './customers/complaints/complaints.http.controller';
import { CustomerCommandGateway } from './customers/customer-command.gateway';
import { ErasureHttpController } from './customers/erasure/erasure.http.controller';
import { DepartmentFactsHttpController } from './customers/department-facts/department-facts.http.controller';
import { ExecuteCustomerCommandHandler } from './customers/execute-customer-command.handler';
import { RecoveryHttpController } from './customers/recovery/recovery.http.controller';
import { RegistrationHttpController } from './customers/registration/registration.http.controller';
import { RelationshipReviewService } from './customers/reviews/relationship-review.service';
import { ReviewsHttpController } from './customers/reviews/reviews.http.controller';
import { TouchpointsHttpController } from './customers/touchpoints/touchpoints.http.controller';

/** The write side: validates, decides with the pure domain, appends to the event store. */
@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [
    RegistrationHttpController,
    TouchpointsHttpController,
    ComplaintsHttpController,
    RecoveryHttpController,
    DepartmentFactsHttpController,
    ReviewsHttpController,
    ErasureHttpController,
  ],
  providers: [
    CustomerCommandGateway,
    ExecuteCustomerCommandHandler,
    RelationshipReviewService,
  ],
})
export class CommandApiModule {}
