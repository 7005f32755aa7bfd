import { EMPTY_HISTORY, appended } from '../shared/history';
import { earliest, latest } from '../shared/time';
import { ERASED, isErased, type CustomerEvent } from './customer.events';
import {
  NO_DRIVERS,
  NO_VALUE,
  isRegistered,
  type CustomerState,
  type RegisteredCustomer,
} from './customer.state';

/** Touchpoints move `lastTouchpointAt`; derived events only record conclusions, and a profile edit is no contact with the customer. */
const NOT_TOUCHPOINTS = new Set<CustomerEvent['type']>([
  'ProfileUpdated',
  'RelationshipStatusChanged',
  'LifecycleStageChanged',
  'LoyaltyDriversScored',
  'LoyaltyLevelChanged',
  'CustomerValueAssessed',
  'ValueTierAssigned',
  'CustomerErased',
]);

export function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  if (event.type === 'CustomerRegistered') return registered(event.data);
  if (!isRegistered(state)) return state;
  const at = event.data.occurredAt;
  const timed: RegisteredCustomer = {
    ...state,
    latestOccurredAt: latest(state.latestOccurredAt, at),
    lastTouchpointAt: NOT_TOUCHPOINTS.has(event.type) ? state.lastTouchpointAt : latest(state.lastTouchpointAt, at),
  };
  return apply(timed, event);
}

function registered(data: Extract<CustomerEvent, { type: 'CustomerRegistered' }>['data']): RegisteredCustomer {
  return {
    status: 'potential',
    customerId: data.customerId,
    registeredAt: data.occurredAt,
    latestOccurredAt: data.occurredAt,
    lastTouchpointAt: data.occurredAt,
    profile: {
      ...(isErased(data.personal)
        ? { name: ERASED }
        : {
            name: data.personal.name,
            ...(data.personal.email === undefined ? {} : { email: data.personal.email }),
            ...(data.personal.phone === undefined ? {} : { phone: data.personal.phone }),
          }),
      kind: data.kind,
      role: data.role,
      relation: data.relation,
      ...(data.source === undefined ? {} : { source: data.source }),
    },
    lifecycle: { stage: null, stageBeforeDecline: null, declineRule: null },
    loyalty: { level: 'none', drivers: NO_DRIVERS },
    sales: { orders: EMPTY_HISTORY, firstPurchaseAt: null, lastPurchaseAt: null, categories: [] },
    service: { surveys: EMPTY_HISTORY, complaints: EMPTY_HISTORY, openComplaints: {}, satisfiedResolutions: 0, unsatisfiedResolutions: 0, escalations: 0 },
    referrals: 0,
    credit: { limit: 0, paymentsTotal: 0, payments: 0, overdueAmount: 0, overdueIncidents: 0 },
    logistics: { deliveries: 0, delayed: 0, delayDaysTotal: 0 },
    marketing: { responses: 0, conversions: 0 },
    recoveries: {},
    value: { ...NO_VALUE, assessedAt: null },
    valueTier: null,
    erased: false,
  };
}

function apply(state: RegisteredCustomer, event: CustomerEvent): RegisteredCustomer {
  switch (event.type) {
    case 'CustomerRegistered':
    case 'CustomerSelectedAsTarget':
    case 'ContactRecorded':
    case 'CustomerChurned':
      return state;
    case 'PurchaseRecorded': {
      const { orderId, occurredAt, totals, lines } = event.data;
      const { sales } = state;
      const categories = lines.every((line) => sales.categories.includes(line.category))
        ? sales.categories
        : [...new Set([...sales.categories, ...lines.map((line) => line.category)])];
      return {
        ...state,
        sales: {
          orders: appended(sales.orders, { orderId, at: occurredAt, time: Date.parse(occurredAt), revenue: totals.revenue, profit: totals.profit }),
          firstPurchaseAt: sales.firstPurchaseAt === null ? occurredAt : earliest(sales.firstPurchaseAt, occurredAt),
          lastPurchaseAt: sales.lastPurchaseAt === null ? occurredAt : latest(sales.lastPurchaseAt, occurredAt),
          categories,
        },
      };
    }
    case 'ComplaintFiled': {
      const { complaintId, category, severity, occurredAt, deadline } = event.data;
      const { service } = state;
      const complaint = { complaintId, category, severity, filedAt: occurredAt, deadline };
      return {
        ...state,
        service: {
          ...service,
          complaints: appended(service.complaints, complaint),
          openComplaints: { ...service.openComplaints, [complaintId]: { ...complaint, escalated: false } },
        },
      };
    }
    case 'ComplaintResolved': {
      const { complaintId, customerSatisfied } = event.data;
      const { service } = state;
      const { [complaintId]: _resolved, ...openComplaints } = service.openComplaints;
      return {
        ...state,
        service: {
          ...service,
          openComplaints,
          satisfiedResolutions: service.satisfiedResolutions + (customerSatisfied ? 1 : 0),
          unsatisfiedResolutions: service.unsatisfiedResolutions + (customerSatisfied ? 0 : 1),
        },
      };
    }
    case 'ComplaintEscalated': {
      const { complaintId } = event.data;
      const { service } = state;
      const complaint = service.openComplaints[complaintId];
      return {
        ...state,
        service: {
          ...service,
          openComplaints: complaint ? { ...service.openComplaints, [complaintId]: { ...complaint, escalated: true } } : service.openComplaints,
          escalations: service.escalations + 1,
        },
      };
    }
    case 'SatisfactionSurveyed':
      return { ...state, service: { ...state.service, surveys: appended(state.service.surveys, { at: event.data.occurredAt, time: Date.parse(event.data.occurredAt), score: event.data.score }) } };
    case 'ReferralMade':
      return { ...state, referrals: state.referrals + 1 };
    case 'RecoveryStarted':
      return { ...state, recoveries: { ...state.recoveries, [event.data.recoveryId]: { startedAt: event.data.occurredAt, outcome: 'pending' } } };
    case 'RecoveryOutcomeRecorded': {
      const { recoveryId, succeeded } = event.data;
      const recovery = { ...state.recoveries[recoveryId], outcome: succeeded ? ('succeeded' as const) : ('failed' as const) };
      return { ...state, recoveries: { ...state.recoveries, [recoveryId]: recovery } };
    }
    case 'ProfileUpdated': {
      const { changes, personal } = event.data;
      return { ...state, profile: { ...state.profile, ...changes, ...(isErased(personal) ? {} : personal) } };
    }
    case 'CustomerErased': {
      const { email: _email, phone: _phone, ...profile } = state.profile;
      return { ...state, erased: true, profile: { ...profile, name: ERASED } };
    }
    case 'CreditEventRecorded':
      return { ...state, credit: creditAfter(state.credit, event.data.kind, event.data.amount) };
    case 'DeliveryRecorded': {
      const { status, delayDays } = event.data;
      if (status === 'shipped') return state;
      const { logistics } = state;
      return {
        ...state,
        logistics: {
          deliveries: logistics.deliveries + 1,
          delayed: logistics.delayed + (status === 'delayed' ? 1 : 0),
          delayDaysTotal: logistics.delayDaysTotal + delayDays,
        },
      };
    }
    case 'CampaignResponseRecorded': {
      const { marketing } = state;
      const converted = event.data.response === 'converted' ? 1 : 0;
      return { ...state, marketing: { responses: marketing.responses + 1, conversions: marketing.conversions + converted } };
    }
    case 'RelationshipStatusChanged':
      return { ...state, status: event.data.to };
    case 'LifecycleStageChanged': {
      const { from, to, rule } = event.data;
      const lifecycle =
        to === 'decline'
          ? { stage: to, stageBeforeDecline: from === 'decline' ? state.lifecycle.stageBeforeDecline : from, declineRule: rule }
          : { stage: to, stageBeforeDecline: null, declineRule: null };
      return { ...state, lifecycle };
    }
    case 'LoyaltyDriversScored':
      return { ...state, loyalty: { ...state.loyalty, drivers: event.data.drivers } };
    case 'LoyaltyLevelChanged':
      return { ...state, loyalty: { ...state.loyalty, level: event.data.to } };
    case 'CustomerValueAssessed': {
      const { historical, current, potential, total, crossSell, upSell, creditRisk, occurredAt } = event.data;
      return { ...state, value: { historical, current, potential, total, crossSell, upSell, creditRisk, assessedAt: occurredAt } };
    }
    case 'ValueTierAssigned':
      return { ...state, valueTier: event.data.to };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function creditAfter(credit: RegisteredCustomer['credit'], kind: 'limit-set' | 'payment-received' | 'payment-overdue', amount: number) {
  switch (kind) {
    case 'limit-set':
      return { ...credit, limit: amount };
    case 'payment-received':
      return {
        ...credit,
        paymentsTotal: credit.paymentsTotal + amount,
        payments: credit.payments + 1,
        overdueAmount: Math.max(0, credit.overdueAmount - amount),
      };
    case 'payment-overdue':
      return { ...credit, overdueAmount: credit.overdueAmount + amount, overdueIncidents: credit.overdueIncidents + 1 };
  }
}
