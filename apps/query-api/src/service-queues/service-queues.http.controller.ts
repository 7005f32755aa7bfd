import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@crm/platform';
import { COMPLAINT_QUEUE, RECOVERY_QUEUE, type Condition } from '@crm/read-models';
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
  @ApiOperation({ summary: 'Complaints by priority (severity × customer value tier), then SLA deadline, with a breach flag' })
  async complaints(@Query() query: ComplaintQueueQuery) {
    const now = this.clock().toISOString();
    const where: Condition[] = [{ field: 'status', op: 'eq', value: query.status ?? 'open' }];
    if (query.department !== undefined) where.push({ field: 'department', op: 'eq', value: query.department });
    if (query.severity !== undefined) where.push({ field: 'severity', op: 'eq', value: query.severity });
    if (query.overdue !== undefined) where.push({ field: 'deadline', op: query.overdue ? 'lt' : 'gte', value: now });
    const queue = await this.collections.get<{ id: string; deadline: string; status: string }>(COMPLAINT_QUEUE);
    const page = await queue.find({
      where,
      sort: [
        { field: 'priority', direction: 'desc' },
        { field: 'deadline', direction: 'asc' },
      ],
      limit: QUEUE_LIMIT,
    });
    return { items: page.items.map((item) => ({ ...item, breached: item.status === 'open' && item.deadline < now })) };
  }

  @Get('recovery')
  @ApiOperation({ summary: 'Declining and lost customers worth winning back, ranked by value' })
  async recovery() {
    const queue = await this.collections.get<{ id: string }>(RECOVERY_QUEUE);
    const page = await queue.find({
      where: [{ field: 'inQueue', op: 'eq', value: true }],
      sort: [{ field: 'clpTotal', direction: 'desc' }],
      limit: QUEUE_LIMIT,
    });
    return { items: page.items };
  }
}
