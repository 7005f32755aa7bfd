import { isCustomerEventType, upcastCustomerEvent, type CustomerEvent, type CustomerEventType } from '@crm/domain';
import type { RecordedEvent } from '../recorded-event';
import type { IntegrationTopic } from './integration-topics';
import type { AnyPublicMessage, IntegrationMessage, PublicMessageType } from './public-message';

/** Where each public message type goes, and the version of its schema. */
export const PUBLIC_MESSAGE_TYPES: Readonly<Record<PublicMessageType, { topic: IntegrationTopic; schemaVersion: number }>> = {
  CustomerRegistered: { topic: 'crm.customers.v1', schemaVersion: 1 },
  CustomerProfileChanged: { topic: 'crm.customers.v1', schemaVersion: 1 },
  CustomerStatusChanged: { topic: 'crm.customers.v1', schemaVersion: 1 },
  CustomerErased: { topic: 'crm.customers.v1', schemaVersion: 1 },
  PurchaseRecorded: { topic: 'crm.purchases.v1', schemaVersion: 1 },
  DeliveryRecorded: { topic: 'crm.purchases.v1', schemaVersion: 1 },
  ComplaintFiled: { topic: 'crm.complaints.v1', schemaVersion: 1 },
  ComplaintResolved: { topic: 'crm.complaints.v1', schemaVersion: 1 },
  ComplaintEscalated: { topic: 'crm.complaints.v1', schemaVersion: 1 },
  RelationshipStatusChanged: { topic: 'crm.lifecycle.v1', schemaVersion: 1 },
  LifecycleStageChanged: { topic: 'crm.lifecycle.v1', schemaVersion: 1 },
  LoyaltyLevelChanged: { topic: 'crm.loyalty.v1', schemaVersion: 1 },
  ValueTierChanged: { topic: 'crm.loyalty.v1', schemaVersion: 1 },
  CustomerValueAssessed: { topic: 'crm.loyalty.v1', schemaVersion: 1 },
};

/** Internal events integrators do not get, and why. Everything else maps to at least one message. */
export const UNPUBLISHED_EVENT_TYPES: Readonly<Partial<Record<CustomerEventType, string>>> = {
  CustomerSelectedAsTarget: 'its effect is published as the status change to target; the reason is free text',
  ContactRecorded: 'contact notes are free text staff typed; an internal touchpoint',
  SatisfactionSurveyed: 'an input of the loyalty rules; their outcome (level changes) is published',
  ReferralMade: 'names the referred person; an input of the loyalty rules',
  CustomerChurned: 'its effect is published as the status change to lost; the reason is free text',
  RecoveryStarted: 'an internal win-back process with a free-text offer',
  RecoveryOutcomeRecorded: 'an internal win-back process; its effect is published as a status change',
  CreditEventRecorded: 'credit and payment facts stay with finance',
  CampaignResponseRecorded: 'marketing-internal',
  LoyaltyDriversScored: 'internal scores; their outcome (level changes) is published',
};

type Payload<Type extends PublicMessageType> = Extract<AnyPublicMessage, { messageType: Type }>['payload'];
type Route = { [Type in PublicMessageType]: { messageType: Type; payload: Payload<Type> } }[PublicMessageType];

const route = <Type extends PublicMessageType>(messageType: Type, payload: Payload<Type>): Route => ({ messageType, payload }) as Route;

const definedOnly = <T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };

/** What an internal event says publicly. Only named fields are copied: nothing personal, nothing internal. */
function routesOf(event: CustomerEvent): Route[] {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { kind, role, relation } = event.data;
      return [route('CustomerRegistered', { kind, role, relation })];
    }
    case 'ProfileUpdated': {
      const { kind, role, relation, segment } = event.data.changes;
      const changes = definedOnly({ kind, role, relation, segment });
      // A change of personal fields alone says nothing an integrator may know.
      return Object.keys(changes).length === 0 ? [] : [route('CustomerProfileChanged', { changes })];
    }
    case 'RelationshipStatusChanged': {
      const { from, to, rule } = event.data;
      return [route('CustomerStatusChanged', { from, to }), route('RelationshipStatusChanged', { from, to, rule })];
    }
    case 'CustomerErased':
      return [route('CustomerErased', {})];
    case 'PurchaseRecorded': {
      const { orderId, channel, lines, totals } = event.data;
      return [
        route('PurchaseRecorded', {
          orderId,
          channel,
          // Cost and profit are the company's margins, not the integrators' business.
          lines: lines.map(({ product, category, quantity, revenue }) => ({ product, category, quantity, revenue })),
          totals: { quantity: totals.quantity, revenue: totals.revenue },
        }),
      ];
    }
    case 'DeliveryRecorded': {
      const { orderId, status, delayDays } = event.data;
      return [route('DeliveryRecorded', { orderId, status, delayDays })];
    }
    case 'ComplaintFiled': {
      const { complaintId, category, severity, deadline, slaHours, priority } = event.data;
      return [route('ComplaintFiled', { complaintId, category, severity, deadline, slaHours, priority })];
    }
    case 'ComplaintResolved': {
      const { complaintId, customerSatisfied } = event.data;
      return [route('ComplaintResolved', { complaintId, customerSatisfied })];
    }
    case 'ComplaintEscalated': {
      const { complaintId, severity, deadline, overdueHours } = event.data;
      return [route('ComplaintEscalated', { complaintId, severity, deadline, overdueHours })];
    }
    case 'LifecycleStageChanged': {
      const { from, to, rule } = event.data;
      return [route('LifecycleStageChanged', { from, to, rule })];
    }
    case 'LoyaltyLevelChanged': {
      const { from, to, rule } = event.data;
      return [route('LoyaltyLevelChanged', { from, to, rule })];
    }
    case 'ValueTierAssigned': {
      const { from, to, rule } = event.data;
      return [route('ValueTierChanged', { from, to, rule })];
    }
    case 'CustomerValueAssessed': {
      const { historical, current, potential, total, crossSell, upSell, creditRisk, rule } = event.data;
      return [route('CustomerValueAssessed', { historical, current, potential, total, crossSell, upSell, creditRisk, rule })];
    }
    case 'CustomerSelectedAsTarget':
    case 'ContactRecorded':
    case 'SatisfactionSurveyed':
    case 'ReferralMade':
    case 'CustomerChurned':
    case 'RecoveryStarted':
    case 'RecoveryOutcomeRecorded':
    case 'CreditEventRecorded':
    case 'CampaignResponseRecorded':
    case 'LoyaltyDriversScored':
      return [];
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * The public messages of one recorded event, for the public topics. The first message carries
 * the event's id; any further one appends `:<messageType>`, so every id is stable across
 * redeliveries. Events of other streams publish nothing.
 */
export function toIntegrationMessages(event: RecordedEvent): IntegrationMessage[] {
  if (!isCustomerEventType(event.type)) return [];
  const customerEvent = { type: event.type, data: upcastCustomerEvent(event.type, event.metadata.schemaVersion, event.data) } as CustomerEvent;
  const { customerId, occurredAt } = customerEvent.data;
  return routesOf(customerEvent).map(({ messageType, payload }, index) => {
    const { topic, schemaVersion } = PUBLIC_MESSAGE_TYPES[messageType];
    const message = {
      messageId: index === 0 ? event.eventId : `${event.eventId}:${messageType}`,
      messageType,
      schemaVersion,
      occurredAt,
      recordedAt: event.metadata.recordedAt,
      customerId,
      customerRevision: event.revision,
      correlationId: event.metadata.correlationId,
      payload,
    } as AnyPublicMessage;
    return { topic, message };
  });
}
