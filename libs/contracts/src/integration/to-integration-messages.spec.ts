import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CUSTOMER_EVENT_TYPES, type CustomerEvent, type CustomerEventType } from '@crm/domain';
import type { RecordedEvent } from '../recorded-event';
import { INTEGRATION_TOPICS } from './integration-topics';
import * as vocabulary from './public-vocabulary';
import { integrationSchemaFiles, loadIntegrationSchemas } from './testing';
import { PUBLIC_MESSAGE_TYPES, toIntegrationMessages, UNPUBLISHED_EVENT_TYPES } from './to-integration-messages';

const OCCURRED_AT = '2026-03-02T10:00:00.000Z';
const RECORDED_AT = '2026-03-02T10:00:01.000Z';
const EVENT_ID = '00000000-0000-4000-8000-000000000042';
/** Every personal or free-text value below; none may reach a public message. */
const PERSONAL = ['Ada Lovelace', 'ada@example.com', '+44 20 7946 0000', 'met at the fair', 'broken on arrival', 'left for a rival', 'a free month', 'Charles Babbage'];
const fact = { customerId: 'c-7', occurredAt: OCCURRED_AT };
const derivation = { rule: 'rule.under-test', figures: { purchases: 3 }, thresholds: { purchases: 2 } };

/** One event of every internal type, with personal data in plaintext (the worst case). */
const SAMPLE_DATA: { [Type in CustomerEventType]: Extract<CustomerEvent, { type: Type }>['data'] } = {
  CustomerRegistered: { ...fact, kind: 'organization', role: 'distributor', relation: 'direct', source: 'fair', personal: { name: PERSONAL[0], email: PERSONAL[1], phone: PERSONAL[2] } },
  CustomerSelectedAsTarget: { ...fact, personal: { reason: PERSONAL[3] } },
  ContactRecorded: { ...fact, channel: 'phone', direction: 'inbound', personal: { purpose: PERSONAL[3], outcome: PERSONAL[4] } },
  PurchaseRecorded: {
    ...fact,
    orderId: 'o-1',
    channel: 'web',
    lines: [{ product: 'Router', category: 'network', quantity: 2, revenue: 240, cost: 140, profit: 100 }],
    totals: { quantity: 2, revenue: 240, cost: 140, profit: 100 },
  },
  ComplaintFiled: {
    ...fact,
    complaintId: 'k-1',
    category: 'poor-quality',
    severity: 'high',
    deadline: '2026-03-03T10:00:00.000Z',
    slaHours: 24,
    customerTier: 'key',
    priority: 7,
    personal: { description: PERSONAL[4], customerName: PERSONAL[0] },
  },
  ComplaintResolved: { ...fact, complaintId: 'k-1', customerSatisfied: true, personal: { outcome: PERSONAL[4] } },
  ComplaintEscalated: { ...fact, complaintId: 'k-1', severity: 'high', deadline: '2026-03-03T10:00:00.000Z', overdueHours: 5 },
  SatisfactionSurveyed: { ...fact, score: 8 },
  ReferralMade: { ...fact, personal: { referredName: PERSONAL[7] } },
  CustomerChurned: { ...fact, personal: { reason: PERSONAL[5] } },
  RecoveryStarted: { ...fact, recoveryId: 'r-1', personal: { offer: PERSONAL[6] } },
  RecoveryOutcomeRecorded: { ...fact, recoveryId: 'r-1', succeeded: true, personal: { note: PERSONAL[6] } },
  ProfileUpdated: { ...fact, changes: { role: 'partner', segment: 'retail' }, personal: { name: PERSONAL[0], email: PERSONAL[1] } },
  CreditEventRecorded: { ...fact, kind: 'limit-set', amount: 5000 },
  DeliveryRecorded: { ...fact, orderId: 'o-1', status: 'delayed', delayDays: 2, personal: { note: PERSONAL[4] } },
  CampaignResponseRecorded: { ...fact, campaign: 'spring', response: 'clicked' },
  RelationshipStatusChanged: { ...fact, ...derivation, from: 'potential', to: 'active' },
  LifecycleStageChanged: { ...fact, ...derivation, from: null, to: 'exploration' },
  LoyaltyDriversScored: { ...fact, ...derivation, drivers: { perceivedValue: 0.5, satisfaction: 0.6, trust: 0.4, switchingCost: 0.2 } },
  LoyaltyLevelChanged: { ...fact, ...derivation, from: 'none', to: 'satisfaction' },
  CustomerValueAssessed: { ...fact, ...derivation, historical: 100, current: 300, potential: 50, total: 450, crossSell: 0.3, upSell: 0.2, creditRisk: 0.1, discountRate: 0.08 },
  ValueTierAssigned: { ...fact, from: null, to: 'key', rule: 'tier.pareto-key', figures: { rank: 1 }, complaintPriorities: [{ complaintId: 'k-1', priority: 9 }] },
  CustomerErased: { ...fact, complaintIds: ['k-1'] },
};

function recorded(type: string, data: object, streamId = 'customer-c-7'): RecordedEvent {
  return {
    eventId: EVENT_ID,
    type,
    data: data as Record<string, unknown>,
    streamId,
    revision: 4,
    globalPosition: 42,
    metadata: { schemaVersion: 1, recordedAt: RECORDED_AT, correlationId: 'corr-1', causationId: 'cmd-1', actor: 'user-1', department: 'sales' },
  };
}

const messagesOf = (type: CustomerEventType) => toIntegrationMessages(recorded(type, SAMPLE_DATA[type]));
const envelope = { messageId: EVENT_ID, schemaVersion: 1, occurredAt: OCCURRED_AT, recordedAt: RECORDED_AT, customerId: 'c-7', customerRevision: 4, correlationId: 'corr-1' };
const schemas = loadIntegrationSchemas();

describe('public integration messages', () => {
  it.each(CUSTOMER_EVENT_TYPES)('%s is published, or listed as deliberately not published', (type) => {
    const messages = messagesOf(type);

    if (type in UNPUBLISHED_EVENT_TYPES) expect(messages).toEqual([]);
    else expect(messages.length).toBeGreaterThan(0);
  });

  it.each(CUSTOMER_EVENT_TYPES)('%s yields messages valid against their JSON Schema, on their topic', (type) => {
    for (const { topic, message } of messagesOf(type)) {
      expect(schemas.problemsOf(message)).toEqual([]);
      expect(topic).toBe(PUBLIC_MESSAGE_TYPES[message.messageType].topic);
    }
  });

  it('carries no personal data or free text of any event', () => {
    const published = JSON.stringify(CUSTOMER_EVENT_TYPES.flatMap(messagesOf));

    for (const value of PERSONAL) expect(published).not.toContain(value);
  });

  it('publishes a registration as ids and kinds only, in the envelope of the recorded event', () => {
    expect(messagesOf('CustomerRegistered')).toEqual([
      {
        topic: 'crm.customers.v1',
        message: { ...envelope, messageType: 'CustomerRegistered', payload: { kind: 'organization', role: 'distributor', relation: 'direct' } },
      },
    ]);
  });

  it('publishes revenue but not cost or profit of a purchase', () => {
    expect(messagesOf('PurchaseRecorded')).toEqual([
      {
        topic: 'crm.purchases.v1',
        message: {
          ...envelope,
          messageType: 'PurchaseRecorded',
          payload: { orderId: 'o-1', channel: 'web', lines: [{ product: 'Router', category: 'network', quantity: 2, revenue: 240 }], totals: { quantity: 2, revenue: 240 } },
        },
      },
    ]);
  });

  it('publishes a status change on the customers and the lifecycle topics, each with its own message id', () => {
    expect(messagesOf('RelationshipStatusChanged')).toEqual([
      { topic: 'crm.customers.v1', message: { ...envelope, messageType: 'CustomerStatusChanged', payload: { from: 'potential', to: 'active' } } },
      {
        topic: 'crm.lifecycle.v1',
        message: {
          ...envelope,
          messageId: `${EVENT_ID}:RelationshipStatusChanged`,
          messageType: 'RelationshipStatusChanged',
          payload: { from: 'potential', to: 'active', rule: 'rule.under-test' },
        },
      },
    ]);
  });

  it('publishes the changed public profile fields, and nothing when only personal fields changed', () => {
    expect(messagesOf('ProfileUpdated').map(({ message }) => message.payload)).toEqual([{ changes: { role: 'partner', segment: 'retail' } }]);
    expect(toIntegrationMessages(recorded('ProfileUpdated', { ...fact, changes: {}, personal: { name: PERSONAL[0] } }))).toEqual([]);
  });

  it('tells integrators of an erasure, without the complaint ids of the internal event', () => {
    expect(messagesOf('CustomerErased')).toEqual([{ topic: 'crm.customers.v1', message: { ...envelope, messageType: 'CustomerErased', payload: {} } }]);
  });

  it('publishes the outcome of the tier rule, not its figures or the queue priorities', () => {
    expect(messagesOf('ValueTierAssigned').map(({ message }) => message.payload)).toEqual([{ from: null, to: 'key', rule: 'tier.pareto-key' }]);
  });

  it('fails the schema when an internal field it reads is renamed', () => {
    const { orderId, ...renamed } = SAMPLE_DATA.PurchaseRecorded;
    const [{ message }] = toIntegrationMessages(recorded('PurchaseRecorded', { ...renamed, orderNumber: orderId }));

    expect(schemas.problemsOf(message)).toEqual(["PurchaseRecorded/payload must have required property 'orderId'"]);
  });

  it('publishes nothing for events of other streams', () => {
    expect(toIntegrationMessages(recorded('ReviewScheduled', { customerIds: ['c-7'] }, 'relationship-review-1'))).toEqual([]);
  });
});

describe('public integration schemas', () => {
  it('has one schema per public message type and no other', () => {
    expect(schemas.messageTypes).toEqual(Object.keys(PUBLIC_MESSAGE_TYPES).sort());
  });

  it('sends every topic some message type', () => {
    expect(new Set(Object.values(PUBLIC_MESSAGE_TYPES).map(({ topic }) => topic))).toEqual(new Set(INTEGRATION_TOPICS));
  });

  it('lists the values of the public vocabulary the code publishes', () => {
    const definitions = integrationSchemaFiles().find(({ file }) => file === 'vocabulary.json')!.schema.definitions as Record<string, { enum?: string[] }>;
    const enums = Object.fromEntries(Object.entries(definitions).filter(([, definition]) => definition.enum).map(([name, definition]) => [name, definition.enum]));

    expect(enums).toEqual({
      customerKind: vocabulary.PUBLIC_CUSTOMER_KINDS,
      customerRole: vocabulary.PUBLIC_CUSTOMER_ROLES,
      customerRelation: vocabulary.PUBLIC_CUSTOMER_RELATIONS,
      relationshipStatus: vocabulary.PUBLIC_RELATIONSHIP_STATUSES,
      salesChannel: vocabulary.PUBLIC_SALES_CHANNELS,
      deliveryStatus: vocabulary.PUBLIC_DELIVERY_STATUSES,
      complaintCategory: vocabulary.PUBLIC_COMPLAINT_CATEGORIES,
      complaintSeverity: vocabulary.PUBLIC_COMPLAINT_SEVERITIES,
      lifecycleStage: vocabulary.PUBLIC_LIFECYCLE_STAGES,
      loyaltyLevel: vocabulary.PUBLIC_LOYALTY_LEVELS,
      valueTier: vocabulary.PUBLIC_VALUE_TIERS,
    });
  });

  it('are each referenced by the AsyncAPI document', () => {
    const asyncApi = readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8');
    const referenced = [...asyncApi.matchAll(/libs\/contracts\/src\/integration\/schemas\/([a-z-]+\.json)/g)].map(([, file]) => file);

    expect(new Set(referenced)).toEqual(new Set(integrationSchemaFiles().filter(({ schema }) => schema.allOf).map(({ file }) => file)));
  });
});
