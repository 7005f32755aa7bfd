import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import {
  EVENT_STORE,
  SEALED_EVENT_STORE,
  PERSONAL_DATA_KEY_STORE,
  createEsdbEventStore,
  createMongoPersonalDataKeyStore,
  createSqliteEventStore,
  createSqlitePersonalDataKeyStore,
  withPersonalDataEncryption,
  withSealingKeyCache,
  type EventStore,
  type PersonalDataKeyStore,
} from '@crm/event-store';
import { EVENT_BUS, createInProcessEventBus, createKafkaEventBus, type EventBus } from '@crm/messaging';
import {
  DOCUMENT_STORE,
  createMongoDocumentStore,
  createSqliteDocumentStore,
  type DocumentStore,
} from '@crm/read-models';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/app-config.di-tokens';
import { HealthRegistry } from './health/health.registry';
import { LOGGER } from './logging/logger.di-tokens';
import type { Logger } from 'pino';

export interface InfrastructureNeeds {
  eventStore?: boolean;
  bus?: boolean;
  readStore?: boolean;
}

export const EVENT_STORE_FILE = 'event-store.sqlite';
export const READ_STORE_FILE = 'read-store.sqlite';
export const PERSONAL_DATA_KEYS_FILE = 'personal-data-keys.sqlite';

/** Opens the store of the per-customer data keys the configuration names. */
export async function openPersonalDataKeyStore(config: AppConfig): Promise<PersonalDataKeyStore> {
  if (config.keyStore.kind === 'mongo') {
    return withSealingKeyCache(await createMongoPersonalDataKeyStore({ uri: config.keyStore.uri, database: config.keyStore.database }));
  }
  mkdirSync(config.dataDir, { recursive: true });
  return withSealingKeyCache(createSqlitePersonalDataKeyStore(join(config.dataDir, PERSONAL_DATA_KEYS_FILE)));
}

async function openRawEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore.kind === 'esdb') return createEsdbEventStore(config.eventStore.connectionString);
  mkdirSync(config.dataDir, { recursive: true });
  return createSqliteEventStore({ filename: join(config.dataDir, EVENT_STORE_FILE), synchronous: config.eventStore.synchronous });
}

/**
 * Opens the event store the configuration names, behind the personal data encryption: callers
 * see plaintext, the store holds ciphertext. It opens (and closes) its own key store, as the
 * audit CLI needs.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  const raw = await openRawEventStore(config);
  const keys = await openPersonalDataKeyStore(config);
  const store = withPersonalDataEncryption(raw, keys);
  return { ...store, close: async () => (await store.close(), await keys.close()) };
}

export function openBus(config: AppConfig, logger: Logger): EventBus {
  if (config.bus.kind === 'in-process') {
    return createInProcessEventBus((event, groupId, error) =>
      logger.error({ eventId: event.eventId, streamId: event.streamId, revision: event.revision, groupId, err: error }, 'event dead-lettered'),
    );
  }
  return createKafkaEventBus(config.bus);
}

/** Opens the read store the configuration names (also used by the audit CLI). */
export async function openReadStore(config: AppConfig): Promise<DocumentStore> {
  if (config.readStore.kind === 'mongo') {
    return createMongoDocumentStore({ uri: config.readStore.uri, database: config.readStore.database });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return createSqliteDocumentStore({ filename: join(config.dataDir, READ_STORE_FILE), synchronous: config.readStore.synchronous });
}

class InfrastructureLifecycle implements OnApplicationShutdown {
  private readonly closers: Array<() => Promise<void>> = [];

  onClose(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
  }
}

/** Binds each port to the adapter the configuration names, opens it, and closes it on shutdown. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(needs: InfrastructureNeeds): DynamicModule {
    const providers: Provider[] = [InfrastructureLifecycle];
    const inject = [APP_CONFIG, HealthRegistry, InfrastructureLifecycle];
    if (needs.eventStore) {
      providers.push({
        provide: PERSONAL_DATA_KEY_STORE,
        inject,
        useFactory: async (config: AppConfig, _health: HealthRegistry, lifecycle: InfrastructureLifecycle) => {
          const keys = await openPersonalDataKeyStore(config);
          lifecycle.onClose(() => keys.close());
          return keys;
        },
      });
      providers.push({
        provide: SEALED_EVENT_STORE,
        inject,
        useFactory: async (config: AppConfig, health: HealthRegistry, lifecycle: InfrastructureLifecycle) => {
          const store = await openRawEventStore(config);
          // A store that cannot answer a trivial read is down (the registry treats a throw as down).
          health.register('event-store', async () => (await store.headPosition(), true));
          lifecycle.onClose(() => store.close());
          return store;
        },
      });
      providers.push({
        provide: EVENT_STORE,
        inject: [SEALED_EVENT_STORE, PERSONAL_DATA_KEY_STORE],
        useFactory: (sealed: EventStore, keys: PersonalDataKeyStore) => withPersonalDataEncryption(sealed, keys),
      });
    }
    if (needs.bus) {
      providers.push({
        provide: EVENT_BUS,
        inject: [APP_CONFIG, LOGGER],
        useFactory: (config: AppConfig, logger: Logger) => openBus(config, logger),
      });
    }
    if (needs.readStore) {
      providers.push({
        provide: DOCUMENT_STORE,
        inject,
        useFactory: async (config: AppConfig, health: HealthRegistry, lifecycle: InfrastructureLifecycle) => {
          const store = await openReadStore(config);
          health.register('read-store', async () => (await store.loadCheckpoint('relay'), true));
          lifecycle.onClose(() => store.close());
          return store;
        },
      });
    }
    return {
      module: InfrastructureModule,
      global: true,
      providers,
      exports: [needs.eventStore && EVENT_STORE, needs.eventStore && SEALED_EVENT_STORE, needs.eventStore && PERSONAL_DATA_KEY_STORE, needs.bus && EVENT_BUS, needs.readStore && DOCUMENT_STORE].filter(
        (token): token is symbol => typeof token === 'symbol',
      ),
    };
  }
}
