import { Global, Module } from '@nestjs/common';
import { createCustomerDecider, validateDomainRules, type DomainRules } from '@crm/domain';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { READ_MODELS } from '@crm/read-models';
import { createReadModels } from './read-models';

export const DOMAIN_RULES = Symbol('DOMAIN_RULES');
export const CUSTOMER_DECIDER = Symbol('CUSTOMER_DECIDER');

/** The domain's rules (validated at start-up), the decider built on them, and the read models. */
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
  ],
  exports: [DOMAIN_RULES, CUSTOMER_DECIDER, READ_MODELS],
})
export class DomainModule {}
