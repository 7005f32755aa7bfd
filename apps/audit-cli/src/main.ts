import { parseArgs } from 'node:util';
import {
  createReadModels,
  loadCustomer,
  rebuildReadModel,
  verifyReadModels,
} from '@crm/application';
import { createCustomerDecider, relationshipSnapshot, validateDomainRules } from '@crm/domain';
import { loadAppConfig, openEventStore, openReadStore, runCli, usageFailure } from '@crm/platform';
import { ProgressBar } from './progress-bar';

const USAGE = `Usage: npm run audit -- <command>
  replay <customerId> [--as-of <ISO time>] [--at-revision <n>]   the customer's timeline and the state it gives
  verify                                                         replay every stream; compare each read model with the replay
  rebuild <read model>                                           rebuild a read model from the log and swap it in
Reads the same environment as the apps (CRM_DATA_DIR, EVENT_STORE, READ_STORE, ...).`;

// Typed explicitly: TypeScript narrows after a call to `never` only through a declared type.
const fail: (message: string) => never = usageFailure(USAGE);

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'as-of': { type: 'string' }, 'at-revision': { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, argument] = positionals;
  if (values.help || command === undefined) fail('No command given.');
  const config = loadAppConfig();
  const rules = validateDomainRules(config.domainRulesJson === undefined ? {} : JSON.parse(config.domainRulesJson));
  const models = createReadModels();
  const store = await openEventStore(config);
  try {
    switch (command) {
      case 'replay': {
        if (!argument) fail('replay needs a customer id.');
        const atRevision = values['at-revision'] === undefined ? undefined : Number(values['at-revision']);
        if (atRevision !== undefined && !Number.isInteger(atRevision)) fail('--at-revision must be an integer.');
        const asOf = values['as-of'];
        if (asOf !== undefined && Number.isNaN(Date.parse(asOf))) fail('--as-of must be an ISO 8601 time.');
        const loaded = await loadCustomer(store, createCustomerDecider(rules), argument, { asOf, atRevision });
        if (loaded.revision === -1) {
          process.stderr.write(`No events for customer ${argument}${asOf ? ` as of ${asOf}` : ''}.\n`);
          return 1;
        }
        for (const event of loaded.events) {
          const data = event.data as { occurredAt?: string; rule?: string; from?: unknown; to?: unknown };
          const change = data.from !== undefined || data.to !== undefined ? ` ${String(data.from ?? '∅')} → ${String(data.to)}` : '';
          const derived = data.rule ? ` ${change} by ${data.rule}` : '';
          process.stdout.write(
            `${String(event.revision).padStart(5)}  ${event.metadata.recordedAt}  ${data.occurredAt ?? ''}  ${event.type}  ${event.metadata.actor}/${event.metadata.department}${derived}\n`,
          );
        }
        process.stdout.write(`${JSON.stringify(relationshipSnapshot(loaded.state), null, 2)}\n`);
        return 0;
      }
      case 'verify': {
        const documents = await openReadStore(config);
        try {
          const bar = new ProgressBar('verify', (await store.headPosition()) + 1);
          let events = 0;
          const differences = await verifyReadModels(store, documents, models, (count, position) => {
            events += count;
            bar.update(position + 1);
          });
          bar.finish((await store.headPosition()) + 1);
          for (const difference of differences) process.stdout.write(`${JSON.stringify(difference)}\n`);
          process.stdout.write(`${events} events replayed; ${differences.length} difference(s) across ${models.length} read models\n`);
          return differences.length === 0 ? 0 : 1;
        } finally {
          await documents.close();
        }
      }
      case 'rebuild': {
        const model = models.find((candidate) => candidate.collection.name === argument);
        if (!model) fail(`rebuild needs one of: ${models.map((candidate) => candidate.collection.name).join(', ')}.`);
        const documents = await openReadStore(config);
        try {
          const bar = new ProgressBar(`rebuild ${argument}`, (await store.headPosition()) + 1);
          const result = await rebuildReadModel(store, documents, model, (progress) => bar.update(progress.position + 1));
          bar.finish(result.position + 1);
          process.stdout.write(`${argument} rebuilt from ${result.events} events up to position ${result.position}\n`);
          return 0;
        } finally {
          await documents.close();
        }
      }
      default:
        fail(`Unknown command ${command}.`);
    }
  } finally {
    await store.close();
  }
}

runCli(main);
