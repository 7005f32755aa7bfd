import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, customerIdParam } from '@crm/platform';
import { CustomerCommandGateway, type CommandResponse } from '../customer-command.gateway';
import { RecordCampaignResponseRequest } from './record-campaign-response.request.dto';
import { RecordContactRequest } from './record-contact.request.dto';
import { RecordPurchaseRequest } from './record-purchase.request.dto';
import { RecordReferralRequest } from './record-referral.request.dto';
import { RecordSatisfactionSurveyRequest } from './record-satisfaction-survey.request.dto';

@ApiTags('touchpoints')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiHeader({ name: 'If-Match', required: false, description: 'Expected stream revision' })
@Controller('customers/:customerId')
export class TouchpointsHttpController {
  constructor(@Inject(CustomerCommandGateway) private readonly gateway: CustomerCommandGateway) {}

  @Post('contacts')
  @Allow('RecordContact')
  @ApiOperation({ summary: 'Record a contact' })
  recordContact(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordContactRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordContact', data: { ...body, customerId } });
  }

  @Post('purchases')
  @Allow('RecordPurchase')
  @ApiOperation({ summary: 'Record a purchase' })
  recordPurchase(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordPurchaseRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const lines = body.lines.map(({ product, category, quantity, revenue, cost }) => ({ product, category, quantity, revenue, cost }));
    return this.gateway.send(request, reply, { type: 'RecordPurchase', data: { ...body, lines, customerId } });
  }

  @Post('satisfaction-surveys')
  @Allow('RecordSatisfactionSurvey')
  @ApiOperation({ summary: 'Record a satisfaction survey score (0-10)' })
  recordSurvey(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordSatisfactionSurveyRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordSatisfactionSurvey', data: { ...body, customerId } });
  }

  @Post('referrals')
  @Allow('RecordReferral')
  @ApiOperation({ summary: 'Record a referral (word of mouth)' })
  recordReferral(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordReferralRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordReferral', data: { ...body, customerId } });
  }

  @Post('campaign-responses')
  @Allow('RecordCampaignResponse')
  @ApiOperation({ summary: 'Record a response to a marketing campaign' })
  recordCampaignResponse(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordCampaignResponseRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordCampaignResponse', data: { ...body, customerId } });
  }
}
