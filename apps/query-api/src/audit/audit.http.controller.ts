import { Controller, Get, HttpStatus, Inject, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CUSTOMER_DECIDER, loadCustomer } from '@crm/application';
import { customerStreamId, type RecordedEvent } from '@crm/contracts';
import { relationshipSnapshot, type CustomerDecider } from '@crm/domain';
import { EVENT_STORE, type EventStore } from '@crm/event-store';
import { ProblemException, Reads, customerIdParam, principalOf, withoutPersonal } from '@crm/platform';
import { HistoryQuery, StateQuery } from './history.query.dto';

/** For auditors: every event as recorded, and the relationship replayed to any moment. */
@ApiTags('audit')
@Controller('customers/:customerId')
export class AuditHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CUSTOMER_DECIDER) private readonly decider: CustomerDecider,
  ) {}

  @Get('history')
  @Reads('history')
  @ApiOperation({ summary: "The customer's events in order, with revision, position, times, data and metadata" })
  async history(
    @Param('customerId', customerIdParam) customerId: string,
    @Query() query: HistoryQuery,
    @Req() request: FastifyRequest,
  ): Promise<{ items: RecordedEvent[]; nextCursor: number | null }> {
    const { role } = principalOf(request);
    const limit = query.limit ?? 100;
    const fromRevision = query.cursor === undefined ? 0 : query.cursor + 1;
    const items = await this.store.readStream(customerStreamId(customerId), { fromRevision, maxCount: limit + 1 });
    if (items.length === 0 && fromRevision === 0) throw new ProblemException(HttpStatus.NOT_FOUND, `Customer ${customerId} not found`);
    const page = items.slice(0, limit);
    return {
      items: page.map((event) => ({ ...event, data: withoutPersonal(role, event.data, ['personal']) })),
      nextCursor: items.length > limit ? page[page.length - 1].revision : null,
    };
  }

  @Get('state')
  @Reads('state')
  @ApiOperation({ summary: 'The relationship as it was at a time or revision, replayed through the domain code' })
  async state(@Param('customerId', customerIdParam) customerId: string, @Query() query: StateQuery) {
    if (query.asOf !== undefined && query.atRevision !== undefined) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Give asOf or atRevision, not both', [
        { field: 'atRevision', reason: 'cannot be combined with asOf' },
      ]);
    }
    const [latest] = await this.store.readStream(customerStreamId(customerId), { direction: 'backwards', maxCount: 1 });
    if (!latest) throw new ProblemException(HttpStatus.NOT_FOUND, `Customer ${customerId} not found`);
    const loaded = await loadCustomer(this.store, this.decider, customerId, query);
    return {
      customerId,
      asOf: query.asOf ?? null,
      atRevision: loaded.revision,
      latestRevision: latest.revision,
      state: loaded.revision === -1 ? null : relationshipSnapshot(loaded.state),
    };
  }
}
