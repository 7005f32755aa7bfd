import type { RecordedEvent } from '@crm/contracts';
import {
  ERASED,
  isErased,
  type CustomerEvent,
  type CustomerKind,
  type CustomerRelation,
  type CustomerRole,
  type LifecycleStage,
  type LoyaltyDrivers,
  type LoyaltyLevel,
  type RelationshipStatus,
  type ValueTier,
} from '@crm/domain';
import type { Projection } from '../projection';
import { CUSTOMER_VIEW } from '../read-model.names';
import { customerEventOf, isCustomerEvent } from './customer-event';

const RECENT_TOUCHPOINTS = 20;
const SATISFACTION_TREND = 10;

export interface Touchpoint {
  type: string;
  at: string;
  /** Built from non-personal facts only, so shredding a customer's personal data leaves it intact. */
  summary: string;
}

/**
 * The unified customer view (brief §7): one document per customer, a shared core the query API
 * filters and sorts on, and one section per department.
 */
export interface CustomerViewDocument {
  id: string;
  customerId: string;
  name: string;
  nameLower: string;
  kind: CustomerKind;
  role: CustomerRole;
  relation: CustomerRelation;
  status: RelationshipStatus;
  lifecycleStage: LifecycleStage | null;
  loyaltyLevel: LoyaltyLevel;
  valueTier: ValueTier | null;
  clp: { historical: number; current: number; potential: number; total: number };
  lastTouchpointAt: string | null;
  registeredAt: string;
  /** The last stream revision applied, for read-your-writes. */
  revision: number;
  /** Recording time of that event. */
  updatedAt: string;
  profile: { email: string | null; phone: string | null; source: string | null; segment: string | null };
  sales: { purchaseCount: number; revenue: number; profit: number; lastPurchaseAt: string | null; products: string[]; categories: string[] };
  finance: { creditLimit: number; paymentsTotal: number; overdueAmount: number; creditRisk: number };
  service: { openComplaints: number; closedComplaints: number; satisfactionTrend: Array<{ at: string; score: number }> };
  logistics: { deliveries: number; delays: number; lastDeliveryAt: string | null };
  marketing: { segment: string | null; referrals: number; campaignResponses: number };
  derived: { crossSell: number; upSell: number; creditRisk: number; clp: number; tier: ValueTier | null };
  loyalty: { drivers: LoyaltyDrivers };
  recentTouchpoints: Touchpoint[];
}

export function createCustomerViewProjection(): Projection<CustomerViewDocument> {
  return {
    name: CUSTOMER_VIEW,
    canHandle: isCustomerEvent,
    documentIds: (recorded) => [String(recorded.data.customerId)],
    evolve: (doc, recorded, inPlace = false) => {
      const event = customerEventOf(recorded);
      if (event.type === 'CustomerRegistered') return registered(event.data, recorded);
      if (doc === null) return null;
      // Changes replace the document's sections rather than edit them, so a copy of the top
      // level and of the one array edited in place is all a pure evolve needs.
      const next = inPlace ? doc : { ...doc, recentTouchpoints: [...doc.recentTouchpoints] };
      Object.assign(next, changesOf(doc, event));
      next.revision = recorded.revision;
      next.updatedAt = recorded.metadata.recordedAt;
      const touchpoint = touchpointOf(event);
      if (touchpoint !== null) {
        next.lastTouchpointAt = latest(doc.lastTouchpointAt, touchpoint.at);
        next.recentTouchpoints.unshift(touchpoint);
        if (next.recentTouchpoints.length > RECENT_TOUCHPOINTS) next.recentTouchpoints.length = RECENT_TOUCHPOINTS;
      }
      return next;
    },
  };
}

type Data<T extends CustomerEvent['type']> = Extract<CustomerEvent, { type: T }>['data'];

function registered(data: Data<'CustomerRegistered'>, recorded: RecordedEvent): CustomerViewDocument {
  const touchpoint = { type: 'CustomerRegistered', at: data.occurredAt, summary: `Registered (${data.kind}, ${data.role}, ${data.relation})` };
  const personal = isErased(data.personal) ? { name: ERASED } : data.personal;
  return {
    id: data.customerId,
    customerId: data.customerId,
    name: personal.name,
    nameLower: personal.name.toLowerCase(),
    kind: data.kind,
    role: data.role,
    relation: data.relation,
    status: 'potential',
    lifecycleStage: null,
    loyaltyLevel: 'none',
    valueTier: null,
    clp: { historical: 0, current: 0, potential: 0, total: 0 },
    lastTouchpointAt: data.occurredAt,
    registeredAt: data.occurredAt,
    revision: recorded.revision,
    updatedAt: recorded.metadata.recordedAt,
    profile: { email: personal.email ?? null, phone: personal.phone ?? null, source: data.source ?? null, segment: null },
    sales: { purchaseCount: 0, revenue: 0, profit: 0, lastPurchaseAt: null, products: [], categories: [] },
    finance: { creditLimit: 0, paymentsTotal: 0, overdueAmount: 0, creditRisk: 0 },
    service: { openComplaints: 0, closedComplaints: 0, satisfactionTrend: [] },
    logistics: { deliveries: 0, delays: 0, lastDeliveryAt: null },
    marketing: { segment: null, referrals: 0, campaignResponses: 0 },
    derived: { crossSell: 0, upSell: 0, creditRisk: 0, clp: 0, tier: null },
    loyalty: { drivers: { perceivedValue: 0, satisfaction: 0, trust: 0, switchingCost: 0 } },
    recentTouchpoints: [touchpoint],
  };
}

const NO_CHANGES: Partial<CustomerViewDocument> = Object.freeze({});

/** The fields an event sets, each a new value: sections are replaced, never edited. */
function changesOf(doc: CustomerViewDocument, event: CustomerEvent): Partial<CustomerViewDocument> {
  switch (event.type) {
    case 'CustomerRegistered':
    case 'CustomerSelectedAsTarget':
    case 'ContactRecorded':
    case 'CustomerChurned':
    case 'RecoveryStarted':
    case 'RecoveryOutcomeRecorded':
    case 'ComplaintEscalated':
      return NO_CHANGES;
    case 'PurchaseRecorded': {
      const { sales } = doc;
      const { lines, totals, occurredAt } = event.data;
      return {
        sales: {
          purchaseCount: sales.purchaseCount + 1,
          revenue: round2(sales.revenue + totals.revenue),
          profit: round2(sales.profit + totals.profit),
          lastPurchaseAt: latest(sales.lastPurchaseAt, occurredAt),
          products: union(sales.products, lines.map((line) => line.product)),
          categories: union(sales.categories, lines.map((line) => line.category)),
        },
      };
    }
    case 'ComplaintFiled':
      return { service: { ...doc.service, openComplaints: doc.service.openComplaints + 1 } };
    case 'ComplaintResolved':
      return {
        service: { ...doc.service, openComplaints: Math.max(0, doc.service.openComplaints - 1), closedComplaints: doc.service.closedComplaints + 1 },
      };
    case 'SatisfactionSurveyed': {
      const trend = [...doc.service.satisfactionTrend, { at: event.data.occurredAt, score: event.data.score }];
      return { service: { ...doc.service, satisfactionTrend: trend.slice(-SATISFACTION_TREND) } };
    }
    case 'ReferralMade':
      return { marketing: { ...doc.marketing, referrals: doc.marketing.referrals + 1 } };
    case 'CampaignResponseRecorded':
      return { marketing: { ...doc.marketing, campaignResponses: doc.marketing.campaignResponses + 1 } };
    case 'ProfileUpdated': {
      const { changes } = event.data;
      const personal = isErased(event.data.personal) ? {} : event.data.personal;
      const name = personal.name ?? doc.name;
      return {
        name,
        nameLower: name.toLowerCase(),
        kind: changes.kind ?? doc.kind,
        role: changes.role ?? doc.role,
        relation: changes.relation ?? doc.relation,
        profile: {
          ...doc.profile,
          email: personal.email ?? doc.profile.email,
          phone: personal.phone ?? doc.profile.phone,
          segment: changes.segment ?? doc.profile.segment,
        },
        marketing: { ...doc.marketing, segment: changes.segment ?? doc.marketing.segment },
      };
    }
    case 'CreditEventRecorded': {
      const { finance } = doc;
      const { kind, amount } = event.data;
      if (kind === 'limit-set') return { finance: { ...finance, creditLimit: amount } };
      if (kind === 'payment-received') {
        return {
          finance: { ...finance, paymentsTotal: round2(finance.paymentsTotal + amount), overdueAmount: round2(Math.max(0, finance.overdueAmount - amount)) },
        };
      }
      return { finance: { ...finance, overdueAmount: round2(finance.overdueAmount + amount) } };
    }
    case 'DeliveryRecorded': {
      const { status, occurredAt } = event.data;
      if (status === 'shipped') return NO_CHANGES;
      const { logistics } = doc;
      return {
        logistics: {
          deliveries: logistics.deliveries + 1,
          delays: logistics.delays + (status === 'delayed' ? 1 : 0),
          lastDeliveryAt: latest(logistics.lastDeliveryAt, occurredAt),
        },
      };
    }
    case 'RelationshipStatusChanged':
      return { status: event.data.to };
    case 'LifecycleStageChanged':
      return { lifecycleStage: event.data.to };
    case 'LoyaltyLevelChanged':
      return { loyaltyLevel: event.data.to };
    case 'LoyaltyDriversScored':
      return { loyalty: { drivers: { ...event.data.drivers } } };
    case 'CustomerValueAssessed': {
      const { historical, current, potential, total, crossSell, upSell, creditRisk } = event.data;
      return {
        clp: { historical, current, potential, total },
        finance: { ...doc.finance, creditRisk },
        derived: { ...doc.derived, crossSell, upSell, creditRisk, clp: total },
      };
    }
    case 'ValueTierAssigned':
      return { valueTier: event.data.to, derived: { ...doc.derived, tier: event.data.to } };
    case 'CustomerErased':
      return { name: ERASED, nameLower: ERASED, profile: { ...doc.profile, email: null, phone: null } };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The touchpoint an event records, summarised without personal data; null for derived events and profile edits. */
function touchpointOf(event: CustomerEvent): Touchpoint | null {
  const summary = summaryOf(event);
  return summary === null ? null : { type: event.type, at: event.data.occurredAt, summary };
}

function summaryOf(event: CustomerEvent): string | null {
  switch (event.type) {
    case 'CustomerSelectedAsTarget':
      return 'Selected as target';
    case 'ContactRecorded':
      return `Contact by ${event.data.channel} (${event.data.direction})`;
    case 'PurchaseRecorded':
      return `Order ${event.data.orderId}: ${event.data.lines.length} line(s), revenue ${event.data.totals.revenue}`;
    case 'ComplaintFiled':
      return `Complaint ${event.data.complaintId} filed (${event.data.severity}, ${event.data.category})`;
    case 'ComplaintResolved':
      return `Complaint ${event.data.complaintId} resolved (${event.data.customerSatisfied ? 'satisfied' : 'not satisfied'})`;
    case 'ComplaintEscalated':
      return `Complaint ${event.data.complaintId} escalated, ${event.data.overdueHours}h past its deadline`;
    case 'SatisfactionSurveyed':
      return `Satisfaction survey: ${event.data.score}`;
    case 'ReferralMade':
      return 'Referral made';
    case 'CustomerChurned':
      return 'Churned';
    case 'RecoveryStarted':
      return `Recovery ${event.data.recoveryId} started`;
    case 'RecoveryOutcomeRecorded':
      return `Recovery ${event.data.recoveryId} ${event.data.succeeded ? 'succeeded' : 'failed'}`;
    case 'CreditEventRecorded':
      return `Credit ${event.data.kind}: ${event.data.amount}`;
    case 'DeliveryRecorded':
      return `Delivery of ${event.data.orderId} ${event.data.status}${event.data.status === 'delayed' ? ` by ${event.data.delayDays} day(s)` : ''}`;
    case 'CampaignResponseRecorded':
      return `Campaign ${event.data.campaign}: ${event.data.response}`;
    default:
      return null;
  }
}

const union = (current: string[], added: string[]): string[] => [...new Set([...current, ...added])];
const round2 = (value: number): number => Math.round(value * 100) / 100;
const latest = (current: string | null, candidate: string): string =>
  current === null || Date.parse(candidate) > Date.parse(current) ? candidate : current;
