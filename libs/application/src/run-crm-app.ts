import 'reflect-metadata';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { InfrastructureModule, PlatformModule, runApp, type InfrastructureNeeds } from '@crm/platform';
import { DomainModule } from './domain.module';
import { mapApplicationError } from './problem-mapping';

@Module({})
class CrmAppModule {}

/** One deployable app: its feature modules and the adapters they need. */
export interface CrmAppDefinition {
  name: string;
  description: string;
  features: Array<Type<unknown>>;
  needs: InfrastructureNeeds;
}

/**
 * Starts an app: the platform, the adapters it needs, the domain, and its feature modules. The
 * split deployment runs one feature per process; `crm` runs all four in one.
 */
export function runCrmApp({ name, description, features, needs }: CrmAppDefinition) {
  return runApp({
    name,
    title: `CRM ${name}`,
    description,
    errorMappers: [mapApplicationError],
    module: (config, logger): DynamicModule => ({
      module: CrmAppModule,
      imports: [PlatformModule.forRoot(config, logger), InfrastructureModule.forRoot(needs), DomainModule, ...features],
    }),
  });
}
