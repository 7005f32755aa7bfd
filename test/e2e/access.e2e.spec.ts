import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ACCESS_MATRIX, ROLES, mayIssue, mayRead, type CommandName, type Resource, type Role } from '@crm/platform';
import { CrmProcess, TEST_JWT_SECRET, bearer, signTestJwt } from '../support/crm-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

type Route = { method: string; path: (ids: Ids) => string; command?: CommandName; resource?: Resource };
type Ids = { customerId: string; complaintId: string; recoveryId: string };

/** Every route but /health and /metrics, with the permission it declares. */
const ROUTES: Route[] = [
  { method: 'POST', path: () => '/customers', command: 'RegisterCustomer' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/selection`, command: 'SelectCustomerAsTarget' },
  { method: 'PATCH', path: (ids) => `/customers/${ids.customerId}/profile`, command: 'UpdateProfile' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/contacts`, command: 'RecordContact' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/purchases`, command: 'RecordPurchase' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/satisfaction-surveys`, command: 'RecordSatisfactionSurvey' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/referrals`, command: 'RecordReferral' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/campaign-responses`, command: 'RecordCampaignResponse' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/complaints`, command: 'FileComplaint' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/complaints/${ids.complaintId}/resolution`, command: 'ResolveComplaint' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/churn`, command: 'RecordChurn' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/recoveries`, command: 'StartRecovery' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/recoveries/${ids.recoveryId}/outcome`, command: 'RecordRecoveryOutcome' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/credit`, command: 'RecordCreditEvent' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/deliveries`, command: 'RecordDelivery' },
  { method: 'POST', path: () => '/relationship-reviews', command: 'ReviewRelationships' },
  { method: 'POST', path: (ids) => `/customers/${ids.customerId}/erasure`, command: 'EraseCustomer' },
  { method: 'POST', path: () => '/admin/read-models/nope/rebuild', command: 'RebuildReadModel' },
  { method: 'GET', path: (ids) => `/customers/${ids.customerId}`, resource: 'customers' },
  { method: 'GET', path: () => '/customers', resource: 'customers' },
  { method: 'GET', path: (ids) => `/customers/${ids.customerId}/loyalty`, resource: 'loyalty' },
  { method: 'GET', path: () => '/loyalty/distribution', resource: 'loyalty' },
  { method: 'GET', path: () => '/service-queues/complaints', resource: 'complaint-queue' },
  { method: 'GET', path: () => '/service-queues/recovery', resource: 'recovery-queue' },
  { method: 'GET', path: (ids) => `/customers/${ids.customerId}/history`, resource: 'history' },
  { method: 'GET', path: (ids) => `/customers/${ids.customerId}/state`, resource: 'state' },
  { method: 'GET', path: () => '/admin/read-models/nope/rebuild', resource: 'read-models' },
];

const bodyOf = (route: Route) => (route.method === 'GET' ? undefined : {});
const allowed = (role: Role, route: Route) => (route.command ? mayIssue(role, route.command) : mayRead(role, route.resource!));

describe('authentication and the access matrix, end to end', () => {
  let crm: CrmProcess;
  // Ids of nothing: the guard answers before any handler looks (a 404 or 400 proves it let the call through).
  const ids: Ids = { customerId: '00000000-0000-4000-8000-000000000001', complaintId: '00000000-0000-4000-8000-000000000002', recoveryId: '00000000-0000-4000-8000-000000000003' };

  beforeAll(async () => {
    crm = await CrmProcess.start();
  }, 60_000);
  afterAll(async () => {
    await crm?.stop();
  });

  it('answers 401 on every route without credentials, and serves /health and /metrics openly', async () => {
    for (const route of ROUTES) expect([route.method, route.path(ids), (await crm.anonymous(route.method, route.path(ids), bodyOf(route))).status]).toEqual([route.method, route.path(ids), 401]);
    expect((await crm.anonymous('GET', '/health')).status).toBe(200);
    expect((await crm.anonymous('GET', '/metrics')).status).toBe(200);
  });

  it.each(ROLES.map((role) => [role]))('lets %s through exactly the routes its matrix row lists (403 elsewhere)', async (role) => {
    const headers = bearer(`user-${role}`, role);
    for (const route of ROUTES) {
      const { status } = await crm.request(route.method, route.path(ids), bodyOf(route), headers);
      const outcome = status === 403 ? 'forbidden' : status === 401 ? 'unauthenticated' : 'passed';
      expect({ route: `${route.method} ${route.path(ids)}`, outcome }).toEqual({ route: `${route.method} ${route.path(ids)}`, outcome: allowed(role, route) ? 'passed' : 'forbidden' });
    }
  }, 30_000);

  it('serves each role the view sections of its row, the others absent rather than null', async () => {
    const registered = await crm.request('POST', '/customers', { name: 'Visible Ltd', email: 'v@visible.example', kind: 'organization', role: 'partner', relation: 'direct' }, bearer('bob', 'sales'));
    expect(registered.status).toBe(201);
    const viewAs = async (role: Role) => (await crm.request('GET', `/customers/${registered.body.customerId}?minRevision=${registered.body.revision}`, undefined, bearer(`user-${role}`, role))).body;
    const marketing = await viewAs('marketing');
    expect(marketing).toMatchObject({ id: registered.body.customerId, status: 'potential', marketing: expect.any(Object) });
    for (const hidden of ['name', 'nameLower', 'profile', 'finance', 'sales', 'service', 'recentTouchpoints']) expect(marketing).not.toHaveProperty(hidden);
    const sales = await viewAs('sales');
    expect(sales).toMatchObject({ name: 'Visible Ltd', profile: { email: 'v@visible.example' } });
    expect(sales).not.toHaveProperty('finance');
    expect(Object.keys(await viewAs('admin'))).toEqual(expect.arrayContaining(['name', 'finance', 'logistics', 'recentTouchpoints']));
    expect(ACCESS_MATRIX.marketing.sections).not.toContain('personal');
    expect((await crm.request('GET', '/customers?q=vis', undefined, bearer('m', 'marketing'))).status).toBe(403);
    const listed = (await crm.request('GET', '/customers?q=vis', undefined, bearer('s', 'sales'))).body.items;
    expect(listed[0]).not.toHaveProperty('finance');
  });

  it('records the principal as actor and department, ignoring X-Actor without the development flag', async () => {
    const registered = await crm.request('POST', '/customers', { name: 'Who Did It', kind: 'individual', role: 'end-customer', relation: 'direct' }, { ...bearer('ivy', 'sales', 'north-sales'), 'x-actor': 'mallory', 'x-department': 'finance' });
    const [first] = (await crm.request('GET', `/customers/${registered.body.customerId}/history`)).body.items;
    expect(first.metadata).toMatchObject({ actor: 'ivy', department: 'north-sales' });
  });

  it('rejects forged, expired, role-less and malformed tokens with 401', async () => {
    const tokens = {
      forged: signTestJwt({ sub: 'eve', role: 'admin' }, 'another-secret-of-at-least-32-bytes!!'),
      expired: signTestJwt({ sub: 'old', role: 'admin', exp: 1_767_225_601 }),
      noRole: signTestJwt({ sub: 'nobody' }),
      unknownRole: signTestJwt({ sub: 'x', role: 'superuser' }),
      malformed: 'not.a.jwt',
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await crm.anonymous('GET', '/customers', undefined, { authorization: `Bearer ${token}` });
      expect({ kind, status: response.status }).toEqual({ kind, status: 401 });
    }
    expect((await crm.anonymous('GET', '/customers', undefined, { authorization: `Bearer ${signTestJwt({ sub: 'ok', role: 'admin' }, TEST_JWT_SECRET)}` })).status).toBe(200);
    expect((await crm.anonymous('GET', '/customers', undefined, { 'x-api-key': 'crm_unknown' })).status).toBe(401);
  });

  it('issues API keys from the CLI and refuses a revoked key from the next request on', async () => {
    const env = { PATH: process.env.PATH ?? '', CRM_DATA_DIR: crm.dataDir };
    const created = await run(process.execPath, [join(ROOT, 'dist/apps/keys-cli/src/main.js'), 'create', '--role', 'finance', '--name', 'ERP sync'], { cwd: ROOT, env });
    const key = created.stdout.trim();
    expect((await crm.anonymous('GET', '/customers', undefined, { authorization: `ApiKey ${key}` })).status).toBe(200);
    expect((await crm.anonymous('GET', '/service-queues/complaints', undefined, { 'x-api-key': key })).status).toBe(403);
    const listed = await run(process.execPath, [join(ROOT, 'dist/apps/keys-cli/src/main.js'), 'list'], { cwd: ROOT, env });
    const id = listed.stdout.split('\n').find((line) => line.includes('ERP sync'))!.split(/\s+/)[0];
    expect(listed.stdout).not.toContain(key);
    await run(process.execPath, [join(ROOT, 'dist/apps/keys-cli/src/main.js'), 'revoke', id], { cwd: ROOT, env });
    expect((await crm.anonymous('GET', '/customers', undefined, { 'x-api-key': key })).status).toBe(401);
  }, 30_000);

  it('prints the bootstrap admin key once and never logs credentials', async () => {
    expect(crm.logs.match(/crm_[A-Za-z0-9_-]{20,}/g)).toEqual([crm.adminKey]);
  });
});
