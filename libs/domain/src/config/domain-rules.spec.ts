import { defaultDomainRules, InvalidDomainRulesError, validateDomainRules } from './domain-rules';

const failureOf = (input: unknown) => {
  try {
    validateDomainRules(input);
  } catch (error) {
    return error instanceof InvalidDomainRulesError ? { field: error.field, message: error.message } : error;
  }
  throw new Error('expected the rules to be rejected');
};

describe('validateDomainRules', () => {
  it('gives the defaults when nothing is overridden', () => {
    expect(validateDomainRules({})).toEqual(defaultDomainRules);
    expect(validateDomainRules(undefined)).toEqual(defaultDomainRules);
  });

  it('merges overrides field by field over the defaults', () => {
    const rules = validateDomainRules({ lifecycle: { declineAfterInactiveDays: 90 }, complaints: { slaHours: { critical: 2 } } });
    expect(rules.lifecycle.declineAfterInactiveDays).toBe(90);
    expect(rules.lifecycle.churnAfterInactiveDays).toBe(defaultDomainRules.lifecycle.churnAfterInactiveDays);
    expect(rules.complaints.slaHours).toEqual({ ...defaultDomainRules.complaints.slaHours, critical: 2 });
  });

  it.each([
    [{ lifecycle: { declineAfterInactivDays: 90 } }, 'lifecycle.declineAfterInactivDays', 'is not a known rule'],
    [{ value: { annualDiscountRate: '10%' } }, 'value.annualDiscountRate', 'must be a finite number'],
    [{ tiers: { keyShareOfValue: 1.5 } }, 'tiers.keyShareOfValue', 'must be in (0, 1]'],
    [{ value: { horizonYears: 2.5 } }, 'value.horizonYears', 'must be an integer >= 1'],
    [{ lifecycle: { declineAfterInactiveDays: -1 } }, 'lifecycle.declineAfterInactiveDays', 'must be >= 0'],
    [{ lifecycle: 7 }, 'lifecycle', 'must be an object'],
    [[], '(root)', 'must be an object'],
    [{ lifecycle: { churnAfterInactiveDays: 30 } }, 'lifecycle.churnAfterInactiveDays', 'must be >= lifecycle.declineAfterInactiveDays'],
  ])('rejects %j naming the bad field', (input, field, reason) => {
    expect(failureOf(input)).toEqual({ field, message: `Invalid domain rules: ${field} ${reason}` });
  });

  it('allows a negative phase-out threshold', () => {
    expect(validateDomainRules({ tiers: { phaseOutMaxClp: -50 } }).tiers.phaseOutMaxClp).toBe(-50);
  });
});
