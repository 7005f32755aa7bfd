import { defaultDomainRules, validateDomainRules } from '../config/domain-rules';
import { complaintDeadline, complaintPriority } from './complaint-sla.rule';

describe('complaint SLA', () => {
  it.each([
    ['critical', '2024-03-01T14:00:00.000Z'],
    ['high', '2024-03-02T10:00:00.000Z'],
    ['medium', '2024-03-04T10:00:00.000Z'],
    ['low', '2024-03-08T10:00:00.000Z'],
  ] as const)('gives a %s complaint its SLA hours', (severity, deadline) => {
    expect(complaintDeadline('2024-03-01T10:00:00.000Z', severity, defaultDomainRules)).toBe(deadline);
  });

  it('takes the SLA hours from the rules', () => {
    const rules = validateDomainRules({ complaints: { slaHours: { critical: 1 } } });
    expect(complaintDeadline('2024-03-01T10:00:00.000Z', 'critical', rules)).toBe('2024-03-01T11:00:00.000Z');
  });

  it('orders work by severity weight × tier weight', () => {
    expect(complaintPriority('critical', 'key', defaultDomainRules)).toBe(15);
    expect(complaintPriority('critical', 'phase-out', defaultDomainRules)).toBe(5);
    expect(complaintPriority('low', 'general', defaultDomainRules)).toBe(2);
    expect(complaintPriority('high', null, defaultDomainRules)).toBe(complaintPriority('high', 'general', defaultDomainRules));
  });
});
