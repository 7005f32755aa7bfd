import { Global, Module } from '@nestjs/common';
import { createCustomerDecider, validateDomainRules, type CustomerDecider, type DomainRules } from '@crm/domain';
import { EVENT_STORE, type EventStore } from '@crm/event-store';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { READ_MODELS } from '@crm/read-models';
import { CustomerCommandExecutor } from './customer-command.executor';
import { createReadModels } from './read-models';

export const DOMAIN_RULES = Symbol('DOMAIN_RULES');
export const CUSTOMER_DECIDER = Symbol('CUSTOMER_DECIDER');

/** The domain's rules (validated at start-up), the decider built on them, the read models, and the command executor. */
@Global()
@Module({
  providers: [
    {
      provide: DOMAIN_RULES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): DomainRules =>
        validateDomainRules(config.domainRulesJson === undefined ? {} : JSON.parse(config.domainRulesJson)),
    },
    { provide: CUSTOMER_DECIDER, inject: [DOMAIN_RULES], useFactory: (rules: DomainRules) => createCustomerDecider(rules) },
    { provide: READ_MODELS, useFactory: createReadModels },
    {
      provide: CustomerCommandExecutor,
      inject: [EVENT_STORE, CUSTOMER_DECIDER],
      useFactory: (store: EventStore, decider: CustomerDecider) => new CustomerCommandExecutor(store, decider),
    },
  ],
  exports: [DOMAIN_RULES, CUSTOMER_DECIDER, READ_MODELS, CustomerCommandExecutor],
})
export class DomainModule {}
