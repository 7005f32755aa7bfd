import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Condition, DocumentQuery } from '../document-store.port';
import { contactsDefinition, describeDocumentStoreContract } from '../testing/document-store.contract';
import { createSqliteDocumentStore } from './sqlite.document-store';
import { findSql } from './sqlite.query';

const dir = mkdtempSync(join(tmpdir(), 'crm-sqlite-document-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeDocumentStoreContract('SQLite', async (location) => createSqliteDocumentStore({ filename: join(dir, `${location}.db`) }));

describe('SQLite document store query plans', () => {
  const filename = join(dir, 'plans.db');
  let db: Database.Database;

  beforeAll(async () => {
    const store = createSqliteDocumentStore({ filename });
    await store.collection(contactsDefinition);
    await store.close();
    db = new Database(filename, { readonly: true });
  });
  afterAll(() => db.close());

  const plan = (query: DocumentQuery): string[] => {
    const { sql, params } = findSql('contacts', query);
    return db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail);
  };

  it.each<[string, Condition[]]>([
    ['tier, score', [{ field: 'tier', op: 'eq', value: 'gold' }, { field: 'score', op: 'gte', value: 80 }]],
    ['nameKey', [{ field: 'nameKey', op: 'startsWith', value: 'Al' }]],
    ['address.region', [{ field: 'address.region', op: 'in', values: ['north', 'south'] }]],
    ['vip', [{ field: 'vip', op: 'eq', value: true }]],
  ])('searches the %s index instead of scanning the table', (index, where) => {
    const details = plan({ where, limit: 10 });

    const indexName = `contacts__by__${index.replace(', ', '__')}`;
    expect(details).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH contacts USING INDEX ${indexName} `)));
    expect(details).not.toContainEqual(expect.stringMatching(/^SCAN contacts$/));
  });

  it('reads a sort on an indexed field in index order', () => {
    const details = plan({ sort: [{ field: 'nameKey', direction: 'asc' }], limit: 10 });

    expect(details).toContainEqual('SCAN contacts USING INDEX contacts__by__nameKey');
  });
});
