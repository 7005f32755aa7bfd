import { Body, Controller, Inject, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, customerIdParam } from '@crm/platform';
import { CustomerCommandGateway, type CommandResponse } from '../customer-command.gateway';
import { RegisterCustomerRequest } from './register-customer.request.dto';
import { SelectCustomerRequest } from './select-customer.request.dto';
import { UpdateProfileRequest } from './update-profile.request.dto';

@ApiTags('customers')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiHeader({ name: 'If-Match', required: false, description: 'Expected stream revision' })
@Controller('customers')
export class RegistrationHttpController {
  constructor(@Inject(CustomerCommandGateway) private readonly gateway: CustomerCommandGateway) {}

  @Post()
  @Allow('RegisterCustomer')
  @ApiOperation({ summary: 'Register a customer (status potential)' })
  register(
    @Body() body: RegisterCustomerRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const context = this.gateway.contextOf(request);
    const customerId = this.gateway.newCustomerId(context);
    void reply.header('Location', `/customers/${customerId}`);
    return this.gateway.send(
      request,
      reply,
      { type: 'RegisterCustomer', data: { ...body, customerId, occurredAt: body.occurredAt ?? context.now } },
      context,
    );
  }

  @Post(':customerId/selection')
  @Allow('SelectCustomerAsTarget')
  @ApiOperation({ summary: 'Select the customer as a target (relationships are built selectively)' })
  select(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: SelectCustomerRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'SelectCustomerAsTarget', data: { ...body, customerId } });
  }

  @Patch(':customerId/profile')
  @Allow('UpdateProfile')
  @ApiOperation({ summary: 'Change profile facts' })
  updateProfile(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() { occurredAt, ...changes }: UpdateProfileRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'UpdateProfile', data: { customerId, occurredAt, changes } });
  }
}
