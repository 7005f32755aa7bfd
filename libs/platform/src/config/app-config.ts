import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Every setting the apps read, validated once at start-up: a wrong value stops the process
 * with a message naming the variable, instead of failing later inside a request.
 */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  eventStore: { kind: 'sqlite'; synchronous: 'FULL' | 'NORMAL' } | { kind: 'esdb'; connectionString: string };
  bus:
    | { kind: 'in-process' }
    | {
        kind: 'kafka';
        brokers: string[];
        clientId: string;
        topic: string;
        deadLetterTopic: string;
        partitions: number;
        replicationFactor: number;
        /** The public integrator topics: `<prefix>crm.customers.v1`, … */
        publicTopicPrefix: string;
        publicPartitions: number;
        publicRetentionMs: number;
      };
  readStore: { kind: 'sqlite'; synchronous: 'FULL' | 'NORMAL' } | { kind: 'mongo'; uri: string; database: string };
  /** How long `?minRevision=` waits for the read model to catch up. */
  readYourWritesTimeoutMs: number;
  /** Period of the automatic relationship review; 0 turns it off. */
  reviewIntervalMs: number;
  /** Delay before re-ranking value tiers after values change (debounce); 0 turns the policy off. */
  tierRankingDelayMs: number;
  /** JSON overrides of the domain rules (thresholds, weights, discount rate). */
  domainRulesJson: string | undefined;
  auth: {
    /** HS256 secret (from AUTH_JWT_SECRET or the file AUTH_JWT_SECRET_FILE); never logged. */
    jwtSecret: string | undefined;
    /** JWKS file with the RS256 public keys of the identity provider. */
    jwksFile: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** Development only: X-Actor / X-Department override the principal's actor and department. */
    devHeaders: boolean;
    metricsPublic: boolean;
    /** Create and print an admin API key when the API key store is empty. */
    bootstrapAdminKey: boolean;
  };
  /** Where API keys and per-customer data keys live. */
  keyStore: { kind: 'sqlite' } | { kind: 'mongo'; uri: string; database: string };
  /** Requests per minute per principal; 0 turns the limit off. */
  rateLimitPerMinute: number;
  httpBodyLimitBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string, why: string): string {
    const value = this.optional(name);
    if (value === undefined) this.problems.push(`${name} is required ${why}`);
    return value ?? '';
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (raw !== 'true' && raw !== 'false') {
      this.problems.push(`${name} must be true or false, got "${raw}"`);
      return fallback;
    }
    return raw === 'true';
  }

  /** A secret given directly or as a file (Docker/Kubernetes secrets); the value never appears in a problem. */
  secret(name: string): string | undefined {
    const direct = this.optional(name);
    const file = this.optional(`${name}_FILE`);
    if (direct !== undefined && file !== undefined) this.problems.push(`give ${name} or ${name}_FILE, not both`);
    if (file === undefined) return direct;
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      this.problems.push(`${name}_FILE names a file that cannot be read: ${file}`);
      return undefined;
    }
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  const read = new Reader(env);
  const synchronous = read.oneOf('SQLITE_SYNCHRONOUS', 'FULL', ['FULL', 'NORMAL'] as const);
  const eventStoreKind = read.oneOf('EVENT_STORE', 'sqlite', ['sqlite', 'esdb'] as const);
  const busKind = read.oneOf('EVENT_BUS', 'in-process', ['in-process', 'kafka'] as const);
  // On the in-process bus the read store holds the relay's checkpoint, written after the documents
  // it covers: a power loss takes a suffix of both, which the relay delivers again. A Kafka
  // consumer commits its offsets to Kafka instead, so documents lost after such a commit would
  // never be projected again: there the read store waits for the disk.
  const readStoreSynchronous = read.oneOf('READ_STORE_SYNCHRONOUS', busKind === 'in-process' ? 'NORMAL' : 'FULL', ['FULL', 'NORMAL'] as const);
  const partitions = read.integer('KAFKA_PARTITIONS', 12, 1, 10_000);
  const readStoreKind = read.oneOf('READ_STORE', 'sqlite', ['sqlite', 'mongo'] as const);
  const domainRulesJson = read.optional('DOMAIN_RULES');
  if (domainRulesJson !== undefined) {
    try {
      JSON.parse(domainRulesJson);
    } catch {
      read.problems.push('DOMAIN_RULES must be a JSON object');
    }
  }

  const jwtSecret = read.secret('AUTH_JWT_SECRET');
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32) read.problems.push('AUTH_JWT_SECRET must be at least 32 bytes (HS256 key)');
  const keyStoreKind = read.oneOf('KEY_STORE', readStoreKind === 'mongo' ? 'mongo' : 'sqlite', ['sqlite', 'mongo'] as const);

  const config: AppConfig = {
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    dataDir: resolve(read.string('CRM_DATA_DIR', './data')),
    logLevel: read.oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    eventStore:
      eventStoreKind === 'esdb'
        ? { kind: 'esdb', connectionString: read.required('EVENTSTORE_CONNECTION_STRING', 'when EVENT_STORE=esdb') }
        : { kind: 'sqlite', synchronous },
    bus:
      busKind === 'kafka'
        ? {
            kind: 'kafka',
            brokers: read
              .required('KAFKA_BROKERS', 'when EVENT_BUS=kafka')
              .split(',')
              .map((broker) => broker.trim())
              .filter(Boolean),
            clientId: read.string('KAFKA_CLIENT_ID', 'crm'),
            topic: read.string('KAFKA_TOPIC', 'crm.customer-events.v1'),
            deadLetterTopic: read.string('KAFKA_DEAD_LETTER_TOPIC', 'crm.customer-events.dlq.v1'),
            partitions,
            replicationFactor: read.integer('KAFKA_REPLICATION_FACTOR', 1, 1, 10),
            publicTopicPrefix: read.string('KAFKA_PUBLIC_TOPIC_PREFIX', ''),
            publicPartitions: read.integer('KAFKA_PUBLIC_PARTITIONS', partitions, 1, 10_000),
            // A week for integrators to catch up after an outage; they cannot replay from the event store.
            publicRetentionMs: read.integer('KAFKA_PUBLIC_RETENTION_MS', 7 * 24 * 3_600_000, 60_000, Number.MAX_SAFE_INTEGER),
          }
        : { kind: 'in-process' },
    readStore:
      readStoreKind === 'mongo'
        ? {
            kind: 'mongo',
            uri: read.required('MONGODB_URI', 'when READ_STORE=mongo'),
            database: read.string('MONGODB_DATABASE', 'crm'),
          }
        : { kind: 'sqlite', synchronous: readStoreSynchronous },
    readYourWritesTimeoutMs: read.integer('READ_YOUR_WRITES_TIMEOUT_MS', 5000, 0, 60_000),
    reviewIntervalMs: read.integer('REVIEW_INTERVAL_MS', 3_600_000, 0, 7 * 24 * 3_600_000),
    tierRankingDelayMs: read.integer('TIER_RANKING_DELAY_MS', 2000, 0, 3_600_000),
    domainRulesJson,
    auth: {
      jwtSecret,
      jwksFile: read.optional('AUTH_JWKS_FILE'),
      issuer: read.optional('AUTH_JWT_ISSUER'),
      audience: read.optional('AUTH_JWT_AUDIENCE'),
      devHeaders: read.boolean('CRM_DEV_HEADERS', false),
      metricsPublic: read.boolean('METRICS_PUBLIC', true),
      bootstrapAdminKey: read.boolean('AUTH_BOOTSTRAP_ADMIN_KEY', true),
    },
    keyStore:
      keyStoreKind === 'mongo'
        ? { kind: 'mongo', uri: read.required('MONGODB_URI', 'when KEY_STORE=mongo'), database: read.string('MONGODB_DATABASE', 'crm') }
        : { kind: 'sqlite' },
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 1200, 0, 1_000_000),
    httpBodyLimitBytes: read.integer('HTTP_BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
