import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Reads, principalOf, withoutPersonal, type Clock } from '@crm/platform';
import { COMPLAINT_QUEUE, COMPLAINT_QUEUE_ORDER, RECOVERY_QUEUE, RECOVERY_QUEUE_ORDER, type Condition } from '@crm/read-models';
import { ReadModelCollections } from '../read-model-collections';
import { ComplaintQueueQuery } from './complaint-queue.query.dto';

const QUEUE_LIMIT = 500;

@ApiTags('service')
@Controller('service-queues')
export class ServiceQueuesHttpController {
  constructor(
    @Inject(ReadModelCollections) private readonly collections: ReadModelCollections,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('complaints')
  @Reads('complaint-queue')
  @ApiOperation({ summary: 'Complaints by priority (severity × customer value tier), then SLA deadline, with a breach flag' })
  async complaints(@Query() query: ComplaintQueueQuery, @Req() request: FastifyRequest) {
    const { role } = principalOf(request);
    const now = this.clock().toISOString();
    const where: Condition[] = [{ field: 'status', op: 'eq', value: query.status ?? 'open' }];
    if (query.department !== undefined) where.push({ field: 'department', op: 'eq', value: query.department });
    if (query.severity !== undefined) where.push({ field: 'severity', op: 'eq', value: query.severity });
    if (query.overdue !== undefined) where.push({ field: 'deadline', op: query.overdue ? 'lt' : 'gte', value: now });
    const queue = await this.collections.get<{ id: string; deadline: string; status: string }>(COMPLAINT_QUEUE);
    const page = await queue.find({
      where,
      sort: COMPLAINT_QUEUE_ORDER,
      limit: QUEUE_LIMIT,
    });
    return {
      items: page.items.map((item) => withoutPersonal(role, { ...item, breached: item.status === 'open' && item.deadline < now }, ['customerName'])),
    };
  }

  @Get('recovery')
  @Reads('recovery-queue')
  @ApiOperation({ summary: 'Declining and lost customers worth winning back, ranked by value' })
  async recovery(@Req() request: FastifyRequest) {
    const { role } = principalOf(request);
    const queue = await this.collections.get<{ id: string; lastRecovery: Record<string, unknown> | null }>(RECOVERY_QUEUE);
    const page = await queue.find({
      where: [{ field: 'inQueue', op: 'eq', value: true }],
      sort: RECOVERY_QUEUE_ORDER,
      limit: QUEUE_LIMIT,
    });
    return {
      items: page.items.map((item) => {
        const lastRecovery = item.lastRecovery && withoutPersonal(role, item.lastRecovery, ['offer', 'note']);
        return withoutPersonal(role, { ...item, lastRecovery }, ['name']);
      }),
    };
  }
}
