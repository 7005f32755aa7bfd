import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '../sqlite/sqlite.event-store';
import type { EventStore } from '../event-store.port';
import { describeEventStoreContract, newEvent, takeEvents } from '../testing';
import { withPersonalDataEncryption } from './personal-data.event-store';
import type { PersonalDataKeyStore } from './personal-data-key-store.port';
import { createSqlitePersonalDataKeyStore } from './sqlite.personal-data-key-store';

const directory = mkdtempSync(join(tmpdir(), 'crm-encrypted-store-'));
let files = 0;
const nextFile = (name: string) => join(directory, `${name}-${++files}.sqlite`);

describeEventStoreContract('SQLite with personal data encryption', async () =>
  withPersonalDataEncryption(createSqliteEventStore({ filename: nextFile('events') }), createSqlitePersonalDataKeyStore(nextFile('keys'))),
);

describe('personal data encryption around the event store', () => {
  let raw: EventStore;
  let keys: PersonalDataKeyStore;
  let store: EventStore;
  const personal = { name: 'Ann Example', email: 'ann@example.test' };
  const registered = (n: number) => newEvent(n, 'CustomerRegistered', { customerId: 'c1', kind: 'individual', personal });

  beforeEach(() => {
    raw = createSqliteEventStore({ filename: nextFile('events') });
    keys = createSqlitePersonalDataKeyStore(nextFile('keys'));
    store = withPersonalDataEncryption(raw, keys);
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
  });

  it('stores `personal` sealed and gives it back in plaintext on every read path', async () => {
    await store.appendToStream('customer-c1', [registered(1)]);
    const [stored] = await raw.readStream('customer-c1');
    expect(JSON.stringify(stored.data)).not.toMatch(/Ann|example/);
    expect(stored.data).toMatchObject({ customerId: 'c1', kind: 'individual', personal: { $sealed: 'A256GCM' } });

    expect((await store.readStream('customer-c1'))[0].data).toEqual(registered(1).data);
    expect((await store.readAll())[0].data).toEqual(registered(1).data);
    const subscription = store.subscribeToAll();
    expect((await takeEvents(subscription, 1))[0].data).toEqual(registered(1).data);
    await subscription.stop();
  });

  it('reads `personal` as erased once the key is shredded, and keeps every other fact', async () => {
    await store.appendToStream('customer-c1', [registered(1), newEvent(2, 'PurchaseRecorded', { customerId: 'c1', total: 40 })]);
    await keys.shred('c1');
    const events = await store.readStream('customer-c1');
    expect(events.map((event) => event.data)).toEqual([
      { customerId: 'c1', kind: 'individual', personal: { erased: true } },
      { customerId: 'c1', total: 40 },
    ]);
  });

  it('refuses new personal data for a shredded customer, but not other facts', async () => {
    await store.appendToStream('customer-c1', [registered(1)]);
    await keys.shred('c1');
    await expect(store.appendToStream('customer-c1', [newEvent(2, 'ContactRecorded', { customerId: 'c1', personal: { purpose: 'x' } })])).rejects.toThrow(
      /erased/,
    );
    await expect(store.appendToStream('customer-c1', [newEvent(3, 'ReferralMade', { customerId: 'c1', personal: {} })])).resolves.toBeDefined();
  });

  it('keeps one key per customer: shredding one leaves the others readable', async () => {
    await store.appendToStream('customer-c1', [registered(1)]);
    await store.appendToStream('customer-c2', [newEvent(2, 'CustomerRegistered', { customerId: 'c2', personal: { name: 'Bo' } })]);
    await keys.shred('c1');
    expect((await store.readAll()).map((event) => event.data.personal)).toEqual([{ erased: true }, { name: 'Bo' }]);
  });

  it('leaves events outside customer streams untouched', async () => {
    await store.appendToStream('system-notes', [newEvent(1, 'Noted', { personal: { name: 'plain' } })]);
    expect((await raw.readStream('system-notes'))[0].data).toEqual({ personal: { name: 'plain' } });
  });
});
