import type { Logger } from 'pino';
import { issueApiKey } from './api-key';
import type { ApiKeyStore } from './api-key-store.port';

export const BOOTSTRAP_KEY_NAME = 'bootstrap-admin';

/**
 * Secure by default: with no API key at all there is no way in, so the first start creates an
 * admin key, stores its hash, and shows the key once on stderr. Two processes starting at once
 * on an empty store may each create one; both are listed and revocable.
 */
export async function bootstrapAdminKey(keys: ApiKeyStore, now: string, logger: Logger, write: (text: string) => void): Promise<void> {
  if ((await keys.list()).length > 0) return;
  const { key, record } = await issueApiKey(keys, { name: BOOTSTRAP_KEY_NAME, role: 'admin' }, now);
  logger.warn({ apiKeyId: record.id }, 'No API key existed: created a bootstrap admin API key, printed once on stderr');
  write(
    [
      '',
      `CRM bootstrap admin API key (shown once, store it now): ${key}`,
      '  Send it as "X-Api-Key: <key>" or "Authorization: ApiKey <key>".',
      '  More keys:  npm run keys -- create --role sales --name "Sales desk"',
      `  List / revoke:  npm run keys -- list   |   npm run keys -- revoke ${record.id}`,
      '',
    ].join('\n'),
  );
}
