import { Kafka, logLevel } from 'kafkajs';
import { join } from 'node:path';
import { REBUILD_PAGE_SIZE } from '@crm/application';
import { seedCustomerLog, type CustomerLog } from './customer-log-seed';
import { NotRunError, notRun, type BenchContext, type BenchRow } from './scenario';

/** The servers the Kafka and MongoDB rows run against (only with --infra). */
export interface InfraServers {
  brokers: string[];
  mongoUri: string;
  /** Names the topics and databases a scenario creates, so runs never share one. */
  runId: string;
}

const SERVERS = {
  kafka: { variable: 'KAFKA_BROKERS', script: 'infra/kafka/with-kafka.sh' },
  mongo: { variable: 'MONGODB_URI', script: 'infra/ferretdb/with-ferretdb.sh' },
} as const;
type InfraServer = keyof typeof SERVERS;

/** The servers from KAFKA_BROKERS and MONGODB_URI; the scenario is not run without --infra or without one it needs. */
export function infraServers(context: BenchContext, needed: InfraServer[]): InfraServers {
  const variables = needed.map((server) => SERVERS[server].variable);
  if (!context.infra) throw new NotRunError(`needs --infra with ${variables.join(' and ')} (${needed.map((server) => SERVERS[server].script).join(', ')})`);
  const servers = {
    brokers: process.env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim()).filter(Boolean) ?? [],
    mongoUri: process.env.MONGODB_URI ?? '',
    runId: String(process.pid),
  };
  const present = { kafka: servers.brokers.length > 0, mongo: servers.mongoUri !== '' };
  const missing = needed.filter((server) => !present[server]).map((server) => SERVERS[server].variable);
  if (missing.length > 0) throw new NotRunError(`${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`);
  return servers;
}

/**
 * The log the MongoDB rebuild and the relay each seed and read: `pages` rebuild pages (2 in a
 * quick run), since FerretDB v1 (SQLite backend) takes tens of milliseconds per update of a
 * customer view document here, whoever sends it, and every page after the first is mostly updates.
 */
export async function seedInfraCustomerLog(context: BenchContext, pages: number): Promise<CustomerLog & { eventsFile: string }> {
  const eventsFile = join(context.workDir, 'events.sqlite');
  return { ...(await seedCustomerLog(eventsFile, (context.quick ? 2 : pages) * REBUILD_PAGE_SIZE)), eventsFile };
}

export const KAFKA_CLIENT_ID = 'crm-bench';
export const benchKafka = (brokers: string[]) => new Kafka({ clientId: KAFKA_CLIENT_ID, brokers, logLevel: logLevel.WARN });
/** A row that hangs (a server that stops answering) is reported as failed instead of stalling the suite. */
const ROW_TIMEOUT_MS = 240_000;

/** Measures a row; a server that fails or stops answering gives a failed row with its reason, not a crashed scenario. */
export async function attempt(name: string, measure: () => Promise<BenchRow>): Promise<BenchRow> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${ROW_TIMEOUT_MS / 1000} s`)), ROW_TIMEOUT_MS);
  });
  try {
    return await Promise.race([measure(), timeout]);
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return notRun(name, `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
