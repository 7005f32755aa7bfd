import { Body, Controller, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Allow } from '@crm/platform';
import { CustomerCommandGateway } from '../customer-command.gateway';
import { RelationshipReviewService, type ReviewReport } from './relationship-review.service';
import { ReviewRelationshipsRequest } from './review-relationships.request.dto';

@ApiTags('lifecycle')
@Controller('relationship-reviews')
export class ReviewsHttpController {
  constructor(
    @Inject(RelationshipReviewService) private readonly reviews: RelationshipReviewService,
    @Inject(CustomerCommandGateway) private readonly gateway: CustomerCommandGateway,
  ) {}

  @Post()
  @Allow('ReviewRelationships')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Evaluate every relationship as of a time: inactivity → decline, value tiers, and the other time-driven rules' })
  review(@Body() body: ReviewRelationshipsRequest, @Req() request: FastifyRequest): Promise<ReviewReport> {
    return this.reviews.review(body.asOf, this.gateway.contextOf(request).correlationId);
  }
}
