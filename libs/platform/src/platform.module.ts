import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/app-config.di-tokens';
import { AuthModule } from './auth/auth.module';
import { CLOCK, systemClock } from './clock';
import { HealthRegistry } from './health/health.registry';
import { HealthController } from './http/health.controller';
import { LOGGER } from './logging/logger.di-tokens';
import { Metrics } from './metrics/metrics';

/** Config, logger, metrics, health and authentication for every app: `/health` and `/metrics` come with it. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [AuthModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: Metrics, useValue: new Metrics() },
        { provide: HealthRegistry, useValue: new HealthRegistry() },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [APP_CONFIG, LOGGER, Metrics, HealthRegistry, CLOCK],
    };
  }
}
