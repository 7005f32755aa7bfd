import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PERSONAL_DATA_KEY_STORE, type PersonalDataKeyStore } from '@crm/event-store';
import { Allow, customerIdParam } from '@crm/platform';
import { CustomerCommandGateway, type CommandResponse } from '../customer-command.gateway';

@ApiTags('privacy')
@Controller('customers/:customerId/erasure')
export class ErasureHttpController {
  constructor(
    @Inject(CustomerCommandGateway) private readonly gateway: CustomerCommandGateway,
    @Inject(PERSONAL_DATA_KEY_STORE) private readonly keys: PersonalDataKeyStore,
  ) {}

  /**
   * Records CustomerErased first, then shreds the key: if the shredding fails, a retry finds the
   * customer erased (nothing new is recorded) and shreds again. The other way round, a failed
   * append would leave the key gone with no event telling the read models to drop their copies.
   */
  @Post()
  @Allow('EraseCustomer')
  @ApiOperation({ summary: "Erase the customer's personal data (crypto-shredding); non-personal facts stay" })
  async erase(
    @Param('customerId', customerIdParam) customerId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const context = this.gateway.contextOf(request);
    const response = await this.gateway.send(request, reply, { type: 'EraseCustomer', data: { customerId, occurredAt: context.now } }, context);
    await this.keys.shred(customerId);
    return response;
  }
}
