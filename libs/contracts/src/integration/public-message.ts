import type { IntegrationTopic } from './integration-topics';
import type {
  PublicComplaintCategory,
  PublicComplaintSeverity,
  PublicCustomerKind,
  PublicCustomerRelation,
  PublicCustomerRole,
  PublicDeliveryStatus,
  PublicLifecycleStage,
  PublicLoyaltyLevel,
  PublicRelationshipStatus,
  PublicSalesChannel,
  PublicValueTier,
} from './public-vocabulary';

/**
 * What an integrator receives: a stable envelope and a payload per message type, described by
 * the JSON Schemas in `./schemas`. It carries no personal data: ids, kinds, amounts, stages.
 */
export interface PublicMessage<Type extends string = string, Payload extends object = object> {
  /** Unique per message and stable across redeliveries: integrators deduplicate by it. */
  messageId: string;
  messageType: Type;
  /** Version of this message type's schema; it grows only by optional fields within a topic. */
  schemaVersion: number;
  /** Business time of the fact. */
  occurredAt: string;
  /** When the CRM recorded it. */
  recordedAt: string;
  customerId: string;
  /** Position in the customer's history: strictly increasing per customer, so gaps and replays show. */
  customerRevision: number;
  correlationId: string;
  payload: Payload;
}

export type CustomerRegisteredMessage = PublicMessage<'CustomerRegistered', {
  kind: PublicCustomerKind;
  role: PublicCustomerRole;
  relation: PublicCustomerRelation;
}>;

export type CustomerProfileChangedMessage = PublicMessage<'CustomerProfileChanged', {
  changes: { kind?: PublicCustomerKind; role?: PublicCustomerRole; relation?: PublicCustomerRelation; segment?: string };
}>;

export type CustomerStatusChangedMessage = PublicMessage<'CustomerStatusChanged', { from: PublicRelationshipStatus; to: PublicRelationshipStatus }>;

/** The customer's personal data was erased: integrators delete whatever they hold about the customer. */
export type CustomerErasedMessage = PublicMessage<'CustomerErased', Record<string, never>>;

export type PurchaseRecordedMessage = PublicMessage<'PurchaseRecorded', {
  orderId: string;
  channel: PublicSalesChannel;
  lines: Array<{ product: string; category: string; quantity: number; revenue: number }>;
  totals: { quantity: number; revenue: number };
}>;

export type DeliveryRecordedMessage = PublicMessage<'DeliveryRecorded', { orderId: string; status: PublicDeliveryStatus; delayDays: number }>;

export type ComplaintFiledMessage = PublicMessage<'ComplaintFiled', {
  complaintId: string;
  category: PublicComplaintCategory;
  severity: PublicComplaintSeverity;
  deadline: string;
  slaHours: number;
  priority: number;
}>;

export type ComplaintResolvedMessage = PublicMessage<'ComplaintResolved', { complaintId: string; customerSatisfied: boolean }>;

export type ComplaintEscalatedMessage = PublicMessage<'ComplaintEscalated', {
  complaintId: string;
  severity: PublicComplaintSeverity;
  deadline: string;
  overdueHours: number;
}>;

export type RelationshipStatusChangedMessage = PublicMessage<'RelationshipStatusChanged', {
  from: PublicRelationshipStatus;
  to: PublicRelationshipStatus;
  rule: string;
}>;

export type LifecycleStageChangedMessage = PublicMessage<'LifecycleStageChanged', {
  from: PublicLifecycleStage | null;
  to: PublicLifecycleStage;
  rule: string;
}>;

export type LoyaltyLevelChangedMessage = PublicMessage<'LoyaltyLevelChanged', { from: PublicLoyaltyLevel; to: PublicLoyaltyLevel; rule: string }>;

export type ValueTierChangedMessage = PublicMessage<'ValueTierChanged', { from: PublicValueTier | null; to: PublicValueTier; rule: string }>;

export type CustomerValueAssessedMessage = PublicMessage<'CustomerValueAssessed', {
  historical: number;
  current: number;
  potential: number;
  total: number;
  crossSell: number;
  upSell: number;
  creditRisk: number;
  rule: string;
}>;

export type AnyPublicMessage =
  | CustomerRegisteredMessage
  | CustomerProfileChangedMessage
  | CustomerStatusChangedMessage
  | CustomerErasedMessage
  | PurchaseRecordedMessage
  | DeliveryRecordedMessage
  | ComplaintFiledMessage
  | ComplaintResolvedMessage
  | ComplaintEscalatedMessage
  | RelationshipStatusChangedMessage
  | LifecycleStageChangedMessage
  | LoyaltyLevelChangedMessage
  | ValueTierChangedMessage
  | CustomerValueAssessedMessage;

export type PublicMessageType = AnyPublicMessage['messageType'];

/** A public message and the topic it goes to; it is keyed by `customerId`, like the internal events. */
export interface IntegrationMessage {
  topic: IntegrationTopic;
  message: AnyPublicMessage;
}
