/**
 * Commands on a customer relationship. Plain types: the HTTP shell validates the shape and
 * maps each request body to one of these; the decider checks what the state allows.
 * Every `occurredAt` / `asOf` is an ISO 8601 business time; `metadata.now` is the clock,
 * passed in so the domain never reads one.
 */
export type Command<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: Readonly<{ now: string }>;
}>;

export type CustomerKind = 'individual' | 'organization';
export type CustomerRole = 'end-customer' | 'distributor' | 'partner';
export type CustomerRelation = 'direct' | 'indirect';
export type ContactChannel = 'phone' | 'email' | 'visit' | 'web' | 'call-centre' | 'social';
export type ContactDirection = 'inbound' | 'outbound';
export type SalesChannel = 'store' | 'web' | 'phone' | 'field-sales' | 'distributor' | 'marketplace';
export type ComplaintCategory = 'rudeness' | 'poor-service' | 'untrained-staff' | 'poor-quality' | 'poor-choice' | 'other';
export type ComplaintSeverity = 'low' | 'medium' | 'high' | 'critical';
export type CreditEventKind = 'limit-set' | 'payment-received' | 'payment-overdue';
export type DeliveryStatus = 'shipped' | 'delivered' | 'delayed';
export type CampaignResponseKind = 'opened' | 'clicked' | 'converted' | 'ignored';
export type ValueTier = 'key' | 'general' | 'phase-out';

export interface PurchaseLine {
  product: string;
  category: string;
  /** Integer > 0. */
  quantity: number;
  /** Money amounts in the account currency, >= 0. */
  revenue: number;
  cost: number;
}

export type RegisterCustomer = Command<'RegisterCustomer', {
  customerId: string;
  name: string;
  kind: CustomerKind;
  role: CustomerRole;
  relation: CustomerRelation;
  email?: string;
  phone?: string;
  source?: string;
  occurredAt: string;
}>;

export type SelectCustomerAsTarget = Command<'SelectCustomerAsTarget', { customerId: string; occurredAt: string; reason: string }>;

export type RecordContact = Command<'RecordContact', {
  customerId: string;
  occurredAt: string;
  channel: ContactChannel;
  direction: ContactDirection;
  purpose: string;
  outcome?: string;
}>;

export type RecordPurchase = Command<'RecordPurchase', {
  customerId: string;
  orderId: string;
  occurredAt: string;
  channel: SalesChannel;
  lines: PurchaseLine[];
}>;

export type FileComplaint = Command<'FileComplaint', {
  customerId: string;
  complaintId: string;
  occurredAt: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  description: string;
}>;

export type ResolveComplaint = Command<'ResolveComplaint', {
  customerId: string;
  complaintId: string;
  occurredAt: string;
  outcome: string;
  customerSatisfied: boolean;
}>;

export type RecordSatisfactionSurvey = Command<'RecordSatisfactionSurvey', { customerId: string; occurredAt: string; score: number }>;

export type RecordReferral = Command<'RecordReferral', { customerId: string; occurredAt: string; referredName?: string }>;

export type RecordChurn = Command<'RecordChurn', { customerId: string; occurredAt: string; reason: string }>;

export type StartRecovery = Command<'StartRecovery', { customerId: string; recoveryId: string; occurredAt: string; offer: string }>;

export type RecordRecoveryOutcome = Command<'RecordRecoveryOutcome', {
  customerId: string;
  recoveryId: string;
  occurredAt: string;
  succeeded: boolean;
  note?: string;
}>;

export interface ProfileChanges {
  name?: string;
  email?: string;
  phone?: string;
  kind?: CustomerKind;
  role?: CustomerRole;
  relation?: CustomerRelation;
  segment?: string;
}

export type UpdateProfile = Command<'UpdateProfile', { customerId: string; occurredAt: string; changes: ProfileChanges }>;

export type RecordCreditEvent = Command<'RecordCreditEvent', {
  customerId: string;
  occurredAt: string;
  kind: CreditEventKind;
  /** limit-set: the new limit; payment-received: the amount paid; payment-overdue: the amount overdue. */
  amount: number;
  reference?: string;
}>;

export type RecordDelivery = Command<'RecordDelivery', {
  customerId: string;
  occurredAt: string;
  orderId: string;
  status: DeliveryStatus;
  /** For 'delayed': days late. */
  delayDays?: number;
  note?: string;
}>;

export type RecordCampaignResponse = Command<'RecordCampaignResponse', {
  customerId: string;
  occurredAt: string;
  campaign: string;
  response: CampaignResponseKind;
}>;

/** The time-driven rules (inactivity → decline, and the rest) evaluated as of a moment. */
export type ReviewRelationship = Command<'ReviewRelationship', { customerId: string; asOf: string }>;

/** Issued by the value-tier policy, which ranks every customer's CLP across the base. */
export type AssignValueTier = Command<'AssignValueTier', {
  customerId: string;
  asOf: string;
  tier: ValueTier;
  rule: string;
  figures: Record<string, number>;
}>;

/** Issued by the service SLA policy when an open complaint passes its deadline. */
export type EscalateComplaint = Command<'EscalateComplaint', {
  customerId: string;
  complaintId: string;
  asOf: string;
  deadline: string;
}>;

/** Erase the customer's personal data: the shell shreds the customer's key once the event is recorded. */
export type EraseCustomer = Command<'EraseCustomer', { customerId: string; occurredAt: string }>;

export type CustomerCommand =
  | RegisterCustomer
  | SelectCustomerAsTarget
  | RecordContact
  | RecordPurchase
  | FileComplaint
  | ResolveComplaint
  | RecordSatisfactionSurvey
  | RecordReferral
  | RecordChurn
  | StartRecovery
  | RecordRecoveryOutcome
  | UpdateProfile
  | RecordCreditEvent
  | RecordDelivery
  | RecordCampaignResponse
  | ReviewRelationship
  | AssignValueTier
  | EscalateComplaint
  | EraseCustomer;
