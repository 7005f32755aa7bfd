import { ERASED, isErased, type ComplaintCategory, type ComplaintSeverity, type CustomerEvent, type ValueTier } from '@crm/domain';
import type { Projection } from '../projection';
import { COMPLAINT_QUEUE } from '../read-model.names';
import { customerEventOf, handling } from './customer-event';

/**
 * The complaint queue (brief §8): one document per complaint, ordered by `priority` (severity ×
 * the customer's tier) and `deadline`. A later tier change carries the new priority of each of
 * the customer's open complaints, so the queue re-orders as the customer's value changes.
 */
export interface ComplaintQueueDocument {
  id: string;
  complaintId: string;
  customerId: string;
  customerName: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  status: 'open' | 'resolved';
  filedAt: string;
  deadline: string;
  escalated: boolean;
  escalatedAt: string | null;
  priority: number;
  customerTier: ValueTier | null;
  /** The department that filed the complaint. */
  department: string;
  resolvedAt: string | null;
  customerSatisfied: boolean | null;
  revision: number;
}

const HANDLED_TYPES = ['ComplaintFiled', 'ComplaintResolved', 'ComplaintEscalated', 'ValueTierAssigned', 'CustomerErased'];

export function createComplaintQueueProjection(): Projection<ComplaintQueueDocument> {
  return {
    name: COMPLAINT_QUEUE,
    ...handling(HANDLED_TYPES),
    documentIds: (recorded) => {
      const event = customerEventOf(recorded);
      if (event.type === 'ValueTierAssigned') return event.data.complaintPriorities.map((complaint) => complaint.complaintId);
      if (event.type === 'CustomerErased') return event.data.complaintIds;
      return [String(recorded.data.complaintId)];
    },
    evolve: (doc, recorded) => {
      const event = customerEventOf(recorded);
      if (event.type === 'ComplaintFiled') {
        const { data } = event;
        return {
          id: data.complaintId,
          complaintId: data.complaintId,
          customerId: data.customerId,
          customerName: isErased(data.personal) ? ERASED : data.personal.customerName,
          category: data.category,
          severity: data.severity,
          status: 'open',
          filedAt: data.occurredAt,
          deadline: data.deadline,
          escalated: false,
          escalatedAt: null,
          priority: data.priority,
          customerTier: data.customerTier,
          department: recorded.metadata.department,
          resolvedAt: null,
          customerSatisfied: null,
          revision: recorded.revision,
        };
      }
      if (doc === null) return null;
      return { ...apply(doc, event), revision: recorded.revision };
    },
  };
}

function apply(doc: ComplaintQueueDocument, event: CustomerEvent): ComplaintQueueDocument {
  switch (event.type) {
    case 'ComplaintResolved':
      return { ...doc, status: 'resolved', resolvedAt: event.data.occurredAt, customerSatisfied: event.data.customerSatisfied };
    case 'ComplaintEscalated':
      return { ...doc, escalated: true, escalatedAt: event.data.occurredAt };
    case 'ValueTierAssigned': {
      const reprioritised = event.data.complaintPriorities.find((complaint) => complaint.complaintId === doc.id);
      return reprioritised ? { ...doc, customerTier: event.data.to, priority: reprioritised.priority } : doc;
    }
    case 'CustomerErased':
      return { ...doc, customerName: ERASED };
    default:
      return doc;
  }
}
