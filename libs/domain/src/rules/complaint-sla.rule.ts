import type { DomainRules } from '../config/domain-rules';
import type { ComplaintSeverity, ValueTier } from '../customer/customer.commands';
import { addHours } from '../shared/time';
import { isRegistered, type CustomerState } from '../customer/customer.state';

/** The SLA deadline of a complaint (brief §8): filed time + the severity's SLA hours. */
export const complaintDeadline = (filedAt: string, severity: ComplaintSeverity, rules: DomainRules): string =>
  addHours(filedAt, rules.complaints.slaHours[severity]);

/**
 * Service priority (brief §5, §8: tier drives service priority): severity weight × tier weight,
 * higher first. With the defaults a critical complaint of a key customer scores 15, a low one of
 * a customer to phase out 1; a customer not yet ranked weighs as general.
 */
export const complaintPriority = (severity: ComplaintSeverity, tier: ValueTier | null, rules: DomainRules): number =>
  rules.complaints.severityWeight[severity] * rules.complaints.tierWeight[tier ?? 'unassigned'];

/** Open complaints past their SLA deadline as of a time and not yet escalated: what the SLA policy escalates. */
export function complaintsToEscalate(state: CustomerState, asOf: string): Array<{ complaintId: string; deadline: string }> {
  if (!isRegistered(state)) return [];
  const at = Date.parse(asOf);
  return Object.entries(state.service.openComplaints)
    .filter(([, complaint]) => !complaint.escalated && Date.parse(complaint.deadline) < at)
    .map(([complaintId, complaint]) => ({ complaintId, deadline: complaint.deadline }));
}
