import { Controller, Get, HttpStatus, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException, Reads, customerIdParam } from '@crm/platform';
import {
  LOYALTY_PROGRESSION,
  loyaltyDistribution,
  type LoyaltyDistribution,
  type LoyaltyProgressionDocument,
  STAGE_TRANSITIONS,
  type StageTransitionDocument,
} from '@crm/read-models';
import { ReadModelCollections } from '../read-model-collections';
import { DistributionQuery } from './distribution.query.dto';

@ApiTags('loyalty')
@Controller()
export class LoyaltyHttpController {
  constructor(@Inject(ReadModelCollections) private readonly collections: ReadModelCollections) {}

  @Get('customers/:customerId/loyalty')
  @Reads('loyalty')
  @ApiOperation({ summary: 'Lifecycle stage, loyalty ladder level, driver scores and every transition with its rule and figures' })
  async get(@Param('customerId', customerIdParam) customerId: string): Promise<LoyaltyProgressionDocument> {
    const progression = await this.collections.get<LoyaltyProgressionDocument>(LOYALTY_PROGRESSION);
    const document = await progression.get(customerId);
    if (!document) throw new ProblemException(HttpStatus.NOT_FOUND, `Customer ${customerId} not found`);
    return document;
  }

  @Get('loyalty/distribution')
  @Reads('loyalty')
  @ApiOperation({ summary: 'Customers per stage and ladder level, and the stage transition matrix over a period' })
  async distribution(@Query() query: DistributionQuery): Promise<LoyaltyDistribution> {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'from must not be after to', [{ field: 'from', reason: 'must not be after to' }]);
    }
    return loyaltyDistribution(
      await this.collections.get<LoyaltyProgressionDocument>(LOYALTY_PROGRESSION),
      await this.collections.get<StageTransitionDocument>(STAGE_TRANSITIONS),
      query,
    );
  }
}
