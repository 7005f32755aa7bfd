import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, UuidParamPipe, customerIdParam } from '@crm/platform';
import { CustomerCommandGateway, type CommandResponse } from '../customer-command.gateway';
import { idOfFirstEvent } from '../id-of-first-event';
import { RecordChurnRequest } from './record-churn.request.dto';
import { RecordRecoveryOutcomeRequest } from './record-recovery-outcome.request.dto';
import { StartRecoveryRequest } from './start-recovery.request.dto';

@ApiTags('recovery')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiHeader({ name: 'If-Match', required: false, description: 'Expected stream revision' })
@Controller('customers/:customerId')
export class RecoveryHttpController {
  constructor(@Inject(CustomerCommandGateway) private readonly gateway: CustomerCommandGateway) {}

  @Post('churn')
  @Allow('RecordChurn')
  @ApiOperation({ summary: 'Record that the customer was lost' })
  churn(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: RecordChurnRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordChurn', data: { ...body, customerId } });
  }

  @Post('recoveries')
  @Allow('StartRecovery')
  @ApiOperation({ summary: 'Start a win-back attempt; answers with its recoveryId' })
  start(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: StartRecoveryRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(
      request,
      reply,
      { type: 'StartRecovery', data: { ...body, customerId, recoveryId: randomUUID() } },
      undefined,
      idOfFirstEvent('recoveryId'),
    );
  }

  @Post('recoveries/:recoveryId/outcome')
  @Allow('RecordRecoveryOutcome')
  @ApiOperation({ summary: 'Record the outcome of a win-back attempt' })
  outcome(
    @Param('customerId', customerIdParam) customerId: string,
    @Param('recoveryId', new UuidParamPipe('recoveryId')) recoveryId: string,
    @Body() body: RecordRecoveryOutcomeRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'RecordRecoveryOutcome', data: { ...body, customerId, recoveryId } });
  }
}
