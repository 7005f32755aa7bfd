import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  CUSTOMER_DECIDER,
  CustomerCommandExecutor,
  DOMAIN_RULES,
  assignValueTiers,
  loadCustomer,
  systemCommandRunner,
} from '@crm/application';
import { customerIdOfStream } from '@crm/contracts';
import {
  complaintsToEscalate,
  relationshipSnapshot,
  type CustomerDecider,
  type DomainRules,
  type RankedCustomer,
} from '@crm/domain';
import { EVENT_STORE, type EventStore } from '@crm/event-store';
import { APP_CONFIG, CLOCK, LOGGER, type AppConfig, type Clock, type Logger } from '@crm/platform';

export interface ReviewReport {
  asOf: string;
  reviewed: number;
  /** Customers whose review appended events (decline, churn by inactivity, revalued). */
  changed: number;
  /** Open complaints past their SLA deadline, escalated by this review. */
  complaintsEscalated: number;
  tiersAssigned: number;
}

const PAGE = 1000;

/**
 * The relationship review: the clock the time-driven rules need. It evaluates every customer
 * as of a moment (inactivity → decline, and the rest), escalates open complaints past their
 * SLA deadline, then ranks the whole base by CLP and records each tier that changes. Reviews
 * are idempotent, so overlapping runs are harmless.
 */
@Injectable()
export class RelationshipReviewService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReviewReport> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CUSTOMER_DECIDER) private readonly decider: CustomerDecider,
    @Inject(CustomerCommandExecutor) private readonly executor: CustomerCommandExecutor,
    @Inject(DOMAIN_RULES) private readonly rules: DomainRules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reviewIntervalMs === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.review(this.clock().toISOString()).catch((error) => this.logger.error({ err: error }, 'periodic review failed'));
    }, this.config.reviewIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  review(asOf: string, correlationId: string = randomUUID()): Promise<ReviewReport> {
    const run = this.reviewAll(asOf, correlationId).finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async reviewAll(asOf: string, correlationId: string): Promise<ReviewReport> {
    const execute = systemCommandRunner(this.executor, this.clock, 'system:relationship-review', correlationId);
    const customerIds = await this.allCustomerIds();
    let changed = 0;
    let complaintsEscalated = 0;
    const values: RankedCustomer[] = [];
    for (const customerId of customerIds) {
      const outcome = await execute({ type: 'ReviewRelationship', data: { customerId, asOf } });
      if (outcome.events.length > 0) changed++;
      const { state } = await loadCustomer(this.store, this.decider, customerId);
      for (const { complaintId, deadline } of complaintsToEscalate(state, asOf)) {
        await execute({ type: 'EscalateComplaint', data: { customerId, complaintId, asOf, deadline } });
        complaintsEscalated++;
      }
      const snapshot = relationshipSnapshot(state);
      values.push({ customerId, clpTotal: snapshot.clp.total, currentTier: snapshot.valueTier });
    }
    const tiersAssigned = await assignValueTiers(values, asOf, this.rules, execute);
    const report = { asOf, reviewed: customerIds.length, changed, complaintsEscalated, tiersAssigned };
    this.logger.info(report, 'relationship review done');
    return report;
  }

  private async allCustomerIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let after: number | undefined; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter: { eventTypes: ['CustomerRegistered'] } });
      for (const event of page) {
        const id = customerIdOfStream(event.streamId);
        if (id !== null) ids.push(id);
      }
      if (page.length < PAGE) return ids;
      after = page[page.length - 1].globalPosition;
    }
  }
}
