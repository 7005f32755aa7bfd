import { parseArgs } from 'node:util';
import { ROLES, isRole, issueApiKey, loadAppConfig, openApiKeyStore, runCli, usageFailure } from '@crm/platform';

const USAGE = `Usage: npm run keys -- <command>
  create --role <role> --name <name> [--department <department>]   create an API key; prints it once
  list                                                               every key: id, name, role, department, created, revoked
  revoke <id>                                                        revoke a key; refused from the next request on
Roles: ${ROLES.join(', ')}.
Reads the same environment as the apps (CRM_DATA_DIR, KEY_STORE, MONGODB_URI, ...).`;

// Typed explicitly: TypeScript narrows after a call to `never` only through a declared type.
const fail: (message: string) => never = usageFailure(USAGE);

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, argument] = positionals;
  if (values.help || command === undefined) fail('No command given.');
  const keys = await openApiKeyStore(loadAppConfig());
  try {
    switch (command) {
      case 'create': {
        if (!isRole(values.role)) fail(`--role must be one of ${ROLES.join(', ')}.`);
        if (!values.name?.trim()) fail('--name is required.');
        const { key, record } = await issueApiKey(keys, { name: values.name.trim(), role: values.role, department: values.department }, new Date().toISOString());
        process.stderr.write(`Created API key ${record.id} (${record.role}/${record.department}). It is shown once; store it now:\n`);
        process.stdout.write(`${key}\n`);
        return 0;
      }
      case 'list':
        for (const key of await keys.list()) {
          process.stdout.write(`${key.id}  ${key.role.padEnd(10)}  ${key.department.padEnd(12)}  ${key.createdAt}  ${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}  ${key.name}\n`);
        }
        return 0;
      case 'revoke': {
        if (!argument) fail('revoke needs a key id (see list).');
        if (!(await keys.revoke(argument, new Date().toISOString()))) {
          process.stderr.write(`No API key with id ${argument}.\n`);
          return 1;
        }
        process.stdout.write(`Revoked ${argument}.\n`);
        return 0;
      }
      default:
        fail(`Unknown command ${command}.`);
    }
  } finally {
    await keys.close();
  }
}

runCli(main);
