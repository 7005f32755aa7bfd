import type {
  CampaignResponseKind,
  ComplaintCategory,
  ComplaintSeverity,
  ContactChannel,
  ContactDirection,
  CreditEventKind,
  CustomerKind,
  CustomerRelation,
  CustomerRole,
  DeliveryStatus,
  PurchaseLine,
  SalesChannel,
  ValueTier,
} from './customer.commands';
import type { LifecycleStage, LoyaltyDrivers, LoyaltyLevel, RelationshipStatus } from './customer.state';

/**
 * Facts about one customer relationship, past tense, plain data. Every payload carries
 * `customerId` and the business time `occurredAt`. Whatever a person could be identified by,
 * or staff typed as free text, lives in `personal`, so it can be encrypted per customer and
 * crypto-shredded without touching the facts the read models and audits rely on.
 */
export type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

interface Fact {
  customerId: string;
  occurredAt: string;
}

/**
 * What `personal` reads as once the customer's data key is shredded: the ciphertext stays in the
 * log but can no longer be read, so every reader must cope with this instead of the fields.
 */
export interface ErasedPersonalData {
  readonly erased: true;
}

export type Personal<Fields> = Fields | ErasedPersonalData;

/** What read models and the state show in place of an erased personal field. */
export const ERASED = '[erased]';

export const isErased = (personal: object): personal is ErasedPersonalData => (personal as { erased?: unknown }).erased === true;

/** What makes a derived event auditable: the rule that fired, the figures it saw, the thresholds it used. */
export interface Derivation {
  rule: string;
  figures: Record<string, number>;
  thresholds: Record<string, number>;
}

export type CustomerRegistered = Event<'CustomerRegistered', Fact & {
  kind: CustomerKind;
  role: CustomerRole;
  relation: CustomerRelation;
  source?: string;
  personal: Personal<{ name: string; email?: string; phone?: string }>;
}>;

export type CustomerSelectedAsTarget = Event<'CustomerSelectedAsTarget', Fact & { personal: Personal<{ reason: string }> }>;

export type ContactRecorded = Event<'ContactRecorded', Fact & {
  channel: ContactChannel;
  direction: ContactDirection;
  personal: Personal<{ purpose: string; outcome?: string }>;
}>;

export interface PricedLine extends PurchaseLine {
  profit: number;
}

export interface PurchaseTotals {
  quantity: number;
  revenue: number;
  cost: number;
  profit: number;
}

export type PurchaseRecorded = Event<'PurchaseRecorded', Fact & {
  orderId: string;
  channel: SalesChannel;
  lines: PricedLine[];
  totals: PurchaseTotals;
}>;

export type ComplaintFiled = Event<'ComplaintFiled', Fact & {
  complaintId: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  /** SLA deadline from the complaint-SLA rule. */
  deadline: string;
  slaHours: number;
  /**
   * The customer's tier and the service priority when filed, so the complaint queue can order
   * the complaint without reading the customer's other documents.
   */
  customerTier: ValueTier | null;
  priority: number;
  personal: Personal<{ description: string; customerName: string }>;
}>;

export type ComplaintResolved = Event<'ComplaintResolved', Fact & {
  complaintId: string;
  customerSatisfied: boolean;
  personal: Personal<{ outcome: string }>;
}>;

export type ComplaintEscalated = Event<'ComplaintEscalated', Fact & {
  complaintId: string;
  severity: ComplaintSeverity;
  deadline: string;
  overdueHours: number;
}>;

export type SatisfactionSurveyed = Event<'SatisfactionSurveyed', Fact & { score: number }>;

export type ReferralMade = Event<'ReferralMade', Fact & { personal: Personal<{ referredName?: string }> }>;

export type CustomerChurned = Event<'CustomerChurned', Fact & { personal: Personal<{ reason: string }> }>;

export type RecoveryStarted = Event<'RecoveryStarted', Fact & { recoveryId: string; personal: Personal<{ offer: string }> }>;

export type RecoveryOutcomeRecorded = Event<'RecoveryOutcomeRecorded', Fact & {
  recoveryId: string;
  succeeded: boolean;
  personal: Personal<{ note?: string }>;
}>;

export type ProfileUpdated = Event<'ProfileUpdated', Fact & {
  changes: { kind?: CustomerKind; role?: CustomerRole; relation?: CustomerRelation; segment?: string };
  personal: Personal<{ name?: string; email?: string; phone?: string }>;
}>;

export type CreditEventRecorded = Event<'CreditEventRecorded', Fact & { kind: CreditEventKind; amount: number; reference?: string }>;

export type DeliveryRecorded = Event<'DeliveryRecorded', Fact & {
  orderId: string;
  status: DeliveryStatus;
  delayDays: number;
  personal: Personal<{ note?: string }>;
}>;

export type CampaignResponseRecorded = Event<'CampaignResponseRecorded', Fact & { campaign: string; response: CampaignResponseKind }>;

export type RelationshipStatusChanged = Event<'RelationshipStatusChanged', Fact & Derivation & {
  from: RelationshipStatus;
  to: RelationshipStatus;
}>;

export type LifecycleStageChanged = Event<'LifecycleStageChanged', Fact & Derivation & {
  from: LifecycleStage | null;
  to: LifecycleStage;
}>;

export type LoyaltyDriversScored = Event<'LoyaltyDriversScored', Fact & Derivation & { drivers: LoyaltyDrivers }>;

export type LoyaltyLevelChanged = Event<'LoyaltyLevelChanged', Fact & Derivation & { from: LoyaltyLevel; to: LoyaltyLevel }>;

export interface CustomerValue {
  /** Profit so far, compounded to the assessment time. */
  historical: number;
  /** Present value of future profit if the current buying pattern continues. */
  current: number;
  /** Extra present value a more active strategy (cross-sell, up-sell) could add. */
  potential: number;
  /** Customer lifetime profit: historical + current + potential. */
  total: number;
  /** 0-1 scores. */
  crossSell: number;
  upSell: number;
  creditRisk: number;
}

export type CustomerValueAssessed = Event<'CustomerValueAssessed', Fact & Derivation & CustomerValue & { discountRate: number }>;

export type ValueTierAssigned = Event<'ValueTierAssigned', Fact & {
  from: ValueTier | null;
  to: ValueTier;
  rule: string;
  figures: Record<string, number>;
  /** Tier drives service priority: the new priority of each open complaint. */
  complaintPriorities: Array<{ complaintId: string; priority: number }>;
}>;

/**
 * The customer's personal data was erased (crypto-shredded). Names the complaints whose queue
 * entries carry the customer's name, so the queue can drop it without reading other documents.
 */
export type CustomerErased = Event<'CustomerErased', Fact & { complaintIds: string[] }>;

export type CustomerEvent =
  | CustomerRegistered
  | CustomerSelectedAsTarget
  | ContactRecorded
  | PurchaseRecorded
  | ComplaintFiled
  | ComplaintResolved
  | ComplaintEscalated
  | SatisfactionSurveyed
  | ReferralMade
  | CustomerChurned
  | RecoveryStarted
  | RecoveryOutcomeRecorded
  | ProfileUpdated
  | CreditEventRecorded
  | DeliveryRecorded
  | CampaignResponseRecorded
  | RelationshipStatusChanged
  | LifecycleStageChanged
  | LoyaltyDriversScored
  | LoyaltyLevelChanged
  | CustomerValueAssessed
  | ValueTierAssigned
  | CustomerErased;

export type CustomerEventType = CustomerEvent['type'];

/** The current schema version of each event's data. Bump one only together with an upcaster from the previous version. */
export const CUSTOMER_EVENT_SCHEMA_VERSIONS: Readonly<Record<CustomerEventType, number>> = {
  CustomerRegistered: 1,
  CustomerSelectedAsTarget: 1,
  ContactRecorded: 1,
  PurchaseRecorded: 1,
  ComplaintFiled: 1,
  ComplaintResolved: 1,
  ComplaintEscalated: 1,
  SatisfactionSurveyed: 1,
  ReferralMade: 1,
  CustomerChurned: 1,
  RecoveryStarted: 1,
  RecoveryOutcomeRecorded: 1,
  ProfileUpdated: 1,
  CreditEventRecorded: 1,
  DeliveryRecorded: 1,
  CampaignResponseRecorded: 1,
  RelationshipStatusChanged: 1,
  LifecycleStageChanged: 1,
  LoyaltyDriversScored: 1,
  LoyaltyLevelChanged: 1,
  CustomerValueAssessed: 1,
  ValueTierAssigned: 1,
  CustomerErased: 1,
};

export const CUSTOMER_EVENT_TYPES: readonly CustomerEventType[] = Object.keys(CUSTOMER_EVENT_SCHEMA_VERSIONS) as CustomerEventType[];

export const isCustomerEventType = (type: string): type is CustomerEventType =>
  Object.prototype.hasOwnProperty.call(CUSTOMER_EVENT_SCHEMA_VERSIONS, type);
