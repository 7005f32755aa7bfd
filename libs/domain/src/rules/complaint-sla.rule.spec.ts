import { defaultDomainRules, validateDomainRules } from '../config/domain-rules';
import { createCustomerDecider } from '../customer/customer.decider';
import { customerCommands } from '../testing/customer-commands';
import { historyOf } from '../testing/decider-specification';
import { complaintDeadline, complaintPriority, complaintsToEscalate } from './complaint-sla.rule';

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

  describe('complaints to escalate', () => {
    const decider = createCustomerDecider(defaultDomainRules);
    const customer = customerCommands('c-sla');
    const stateAfter = (commands: Parameters<typeof historyOf>[1]) => historyOf(decider, commands).reduce(decider.evolve, decider.initialState);
    const filed = [
      customer.register('2024-03-01T09:00:00.000Z'),
      customer.fileComplaint('k-critical', '2024-03-01T10:00:00.000Z', { severity: 'critical' }),
      customer.fileComplaint('k-low', '2024-03-01T10:00:00.000Z', { severity: 'low' }),
    ];

    it('lists the open complaints past their deadline', () => {
      expect(complaintsToEscalate(stateAfter(filed), '2024-03-02T00:00:00.000Z')).toEqual([
        { complaintId: 'k-critical', deadline: '2024-03-01T14:00:00.000Z' },
      ]);
    });

    it('leaves out resolved and already escalated complaints', () => {
      const later = '2024-03-20T00:00:00.000Z';
      const state = stateAfter([
        ...filed,
        customer.resolveComplaint('k-low', '2024-03-02T10:00:00.000Z'),
        customer.escalateComplaint('k-critical', '2024-03-03T00:00:00.000Z', '2024-03-01T14:00:00.000Z'),
      ]);
      expect(complaintsToEscalate(state, later)).toEqual([]);
    });

    it('lists nothing for a customer not registered', () => {
      expect(complaintsToEscalate(decider.initialState, '2024-03-02T00:00:00.000Z')).toEqual([]);
    });
  });
});
