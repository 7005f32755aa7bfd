import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, customerIdParam } from '@crm/platform';
import { CustomerCommandGateway, type CommandResponse } from '../customer-command.gateway';
import { RecordCreditEventRequest } from './record-credit-event.request.dto';
import { RecordDeliveryRequest } from './record-delivery.request.dto';

@ApiTags('departments')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiHeader({ name: 'If-Match', required: false, description: 'Expected stream revision' })
@Controller('customers/:customerId')
export class DepartmentFactsHttpController {
  constructor(@Inject(CustomerCommandGateway) private readonly gateway: CustomerCommandGateway) {}

  @Post('credit')
  @Allow('RecordCreditEvent')
  @ApiOperation({ summary: 'Finance: set a credit limit, record a payment or an overdue amount' })
  recordCredit(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordCreditEventRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordCreditEvent', data: { ...body, customerId } });
  }

  @Post('deliveries')
  @Allow('RecordDelivery')
  @ApiOperation({ summary: 'Logistics: record a shipment, a delivery or a delay' })
  recordDelivery(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordDeliveryRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordDelivery', data: { ...body, customerId } });
  }
}
