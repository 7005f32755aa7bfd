import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, UuidParamPipe, customerIdParam } from '@crm/platform';
import { CustomerCommandGateway, type CommandResponse } from '../customer-command.gateway';
import { idOfFirstEvent } from '../id-of-first-event';
import { FileComplaintRequest } from './file-complaint.request.dto';
import { ResolveComplaintRequest } from './resolve-complaint.request.dto';

@ApiTags('service')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiHeader({ name: 'If-Match', required: false, description: 'Expected stream revision' })
@Controller('customers/:customerId/complaints')
export class ComplaintsHttpController {
  constructor(@Inject(CustomerCommandGateway) private readonly gateway: CustomerCommandGateway) {}

  @Post()
  @Allow('FileComplaint')
  @ApiOperation({ summary: 'File a complaint; answers with its complaintId' })
  file(
    @Param('customerId', customerIdParam) customerId: string,
    @Body() body: FileComplaintRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(
      request,
      reply,
      { type: 'FileComplaint', data: { ...body, customerId, complaintId: randomUUID() } },
      undefined,
      idOfFirstEvent('complaintId'),
    );
  }

  @Post(':complaintId/resolution')
  @Allow('ResolveComplaint')
  @ApiOperation({ summary: 'Resolve a complaint' })
  resolve(
    @Param('customerId', customerIdParam) customerId: string,
    @Param('complaintId', new UuidParamPipe('complaintId')) complaintId: string,
    @Body() body: ResolveComplaintRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.gateway.send(request, reply, { type: 'ResolveComplaint', data: { ...body, customerId, complaintId } });
  }
}
