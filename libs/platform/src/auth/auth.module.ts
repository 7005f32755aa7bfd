import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.di-tokens';
import { LOGGER } from '../logging/logger.di-tokens';
import { API_KEY_STORE, type ApiKeyStore } from './api-key-store.port';
import { openApiKeyStore } from './api-key-store.open';
import { AuthGuard, JWT_VERIFIER, RATE_LIMIT_STORAGE } from './auth.guard';
import { bootstrapAdminKey } from './bootstrap-admin-key';
import { createJwtVerifier } from './jwt.verifier';

class ApiKeyStoreLifecycle implements OnApplicationShutdown {
  constructor(private readonly keys: ApiKeyStore) {}
  onApplicationShutdown(): Promise<void> {
    return this.keys.close();
  }
}

/** Authentication and authorisation for every route of every app: the guard, its key store and verifier. */
@Global()
@Module({
  providers: [
    {
      provide: API_KEY_STORE,
      inject: [APP_CONFIG, CLOCK, LOGGER],
      useFactory: async (config: AppConfig, clock: Clock, logger: Logger): Promise<ApiKeyStore> => {
        const keys = await openApiKeyStore(config);
        if (config.auth.bootstrapAdminKey) {
          await bootstrapAdminKey(keys, clock().toISOString(), logger, (text) => process.stderr.write(text));
        }
        return keys;
      },
    },
    { provide: ApiKeyStoreLifecycle, inject: [API_KEY_STORE], useFactory: (keys: ApiKeyStore) => new ApiKeyStoreLifecycle(keys) },
    { provide: JWT_VERIFIER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createJwtVerifier(config.auth) },
    { provide: RATE_LIMIT_STORAGE, useClass: ThrottlerStorageService },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [API_KEY_STORE],
})
export class AuthModule {}
