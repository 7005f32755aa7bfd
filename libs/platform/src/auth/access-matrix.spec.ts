import { ACCESS_MATRIX, COMMANDS, RESOURCES, ROLES, VIEW_SECTIONS, mayIssue, mayRead, maySee } from './access-matrix';
import { visibleView, visibleViewJson, withoutPersonal } from './view-sections.filter';

describe('the access matrix', () => {
  it('has a row for every role, naming only known commands, resources and sections', () => {
    expect(Object.keys(ACCESS_MATRIX).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      for (const command of ACCESS_MATRIX[role].commands) expect(COMMANDS).toContain(command);
      for (const resource of ACCESS_MATRIX[role].reads) expect(RESOURCES).toContain(resource);
      for (const section of ACCESS_MATRIX[role].sections) expect(VIEW_SECTIONS).toContain(section);
    }
  });

  it('keeps the department rules: credit by finance, deliveries by logistics, complaint resolution by service, erasure and rebuilds by admin', () => {
    const issuers = (command: (typeof COMMANDS)[number]) => ROLES.filter((role) => mayIssue(role, command));
    expect(issuers('RecordCreditEvent')).toEqual(['finance', 'admin']);
    expect(issuers('RecordDelivery')).toEqual(['logistics', 'integrator', 'admin']);
    expect(issuers('ResolveComplaint')).toEqual(['service', 'admin']);
    expect(issuers('EraseCustomer')).toEqual(['admin']);
    expect(issuers('RebuildReadModel')).toEqual(['admin']);
  });

  it('lets auditors read history and state but issue nothing', () => {
    expect(ACCESS_MATRIX.auditor.commands).toEqual([]);
    expect(mayRead('auditor', 'history') && mayRead('auditor', 'state')).toBe(true);
    expect(mayRead('sales', 'history')).toBe(false);
  });
});

describe('view filtering', () => {
  const view = { id: 'c1', status: 'active', name: 'Ann', nameLower: 'ann', profile: { email: 'a@x' }, finance: { creditLimit: 5 }, marketing: { referrals: 1 } };

  it('leaves the sections a role may not see absent, not null, and keeps the core', () => {
    expect(maySee('marketing', 'personal')).toBe(false);
    expect(visibleView('marketing', view)).toEqual({ id: 'c1', status: 'active', marketing: { referrals: 1 } });
    expect(visibleView('finance', view)).toEqual({ id: 'c1', status: 'active', name: 'Ann', nameLower: 'ann', profile: { email: 'a@x' }, finance: { creditLimit: 5 } });
    expect(visibleView('admin', view)).toEqual(view);
  });

  it('filters the view as stored JSON text exactly as it filters the parsed view, for every role', () => {
    const stored = { ...view, loyalty: { note: 'a "quoted" {brace}, [bracket] and \\ backslash', levels: [1, [2, { x: null }]] }, revision: 7, vip: true };
    for (const role of ROLES) {
      const json = JSON.stringify(stored);
      expect(JSON.parse(visibleViewJson(role, json))).toEqual(visibleView(role, stored));
      expect(JSON.parse(visibleViewJson(role, JSON.stringify(stored, null, 2)))).toEqual(visibleView(role, stored));
    }
  });

  it('answers the stored text itself to a role that sees every section', () => {
    const json = JSON.stringify(view);
    expect(visibleViewJson('admin', json)).toBe(json);
  });

  it('drops personal fields of queue entries and events for a role without the personal section', () => {
    expect(withoutPersonal('auditor', { id: 'k1', customerName: 'Ann' }, ['customerName'])).toEqual({ id: 'k1' });
    expect(withoutPersonal('service', { id: 'k1', customerName: 'Ann' }, ['customerName'])).toEqual({ id: 'k1', customerName: 'Ann' });
  });
});
