import type {
  ComplaintCategory,
  ComplaintSeverity,
  CustomerKind,
  CustomerRelation,
  CustomerRole,
  ValueTier,
} from './customer.commands';
import type { History } from '../shared/history';
import type { CustomerValue } from './customer.events';

export type RelationshipStatus = 'potential' | 'target' | 'active' | 'lost' | 'recovered';
export type LifecycleStage = 'exploration' | 'formation' | 'stability' | 'decline';
export type LoyaltyLevel = 'none' | 'satisfaction' | 'trust' | 'behavioural' | 'emotional' | 'sustainable';

export const LOYALTY_LADDER: readonly LoyaltyLevel[] = ['none', 'satisfaction', 'trust', 'behavioural', 'emotional', 'sustainable'];

/** The four loyalty drivers, each scored 0-100. */
export interface LoyaltyDrivers {
  perceivedValue: number;
  satisfaction: number;
  trust: number;
  switchingCost: number;
}

export interface CustomerProfile {
  name: string;
  email?: string;
  phone?: string;
  kind: CustomerKind;
  role: CustomerRole;
  relation: CustomerRelation;
  source?: string;
  segment?: string;
}

export interface OrderRecord {
  orderId: string;
  at: string;
  /** `at` parsed once when folded: the value rules age every order on every decision. */
  time: number;
  revenue: number;
  profit: number;
}

export interface SurveyRecord {
  at: string;
  /** `at` parsed once when folded. */
  time: number;
  score: number;
}

export interface FiledComplaint {
  complaintId: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  filedAt: string;
  deadline: string;
}

export interface OpenComplaint extends FiledComplaint {
  escalated: boolean;
}

export interface RecoveryRecord {
  startedAt: string;
  outcome: 'pending' | 'succeeded' | 'failed';
}

export interface UnregisteredCustomer {
  status: 'unregistered';
}

/** Everything the rules need, folded from the stream. Derived values are taken from the derived events, never recomputed here. */
export interface RegisteredCustomer {
  status: RelationshipStatus;
  customerId: string;
  registeredAt: string;
  /** The latest business time seen: derivations never evaluate earlier than this. */
  latestOccurredAt: string;
  lastTouchpointAt: string;
  profile: CustomerProfile;
  lifecycle: {
    stage: LifecycleStage | null;
    /** The stage a repair returns to. */
    stageBeforeDecline: LifecycleStage | null;
    /** The rule that started the current decline. */
    declineRule: string | null;
  };
  loyalty: { level: LoyaltyLevel; drivers: LoyaltyDrivers };
  sales: { orders: History<OrderRecord>; firstPurchaseAt: string | null; lastPurchaseAt: string | null; categories: string[] };
  service: {
    surveys: History<SurveyRecord>;
    /** Every complaint filed, resolved or not: the quality record and erasure read them. */
    complaints: History<FiledComplaint>;
    /** The complaints still open, by id: a handful at a time, so changing one copies little. */
    openComplaints: Record<string, OpenComplaint>;
    satisfiedResolutions: number;
    unsatisfiedResolutions: number;
    escalations: number;
  };
  referrals: number;
  credit: { limit: number; paymentsTotal: number; payments: number; overdueAmount: number; overdueIncidents: number };
  logistics: { deliveries: number; delayed: number; delayDaysTotal: number };
  marketing: { responses: number; conversions: number };
  recoveries: Record<string, RecoveryRecord>;
  value: CustomerValue & { assessedAt: string | null };
  valueTier: ValueTier | null;
  /** Personal data erased: the profile shows ERASED and no new personal data is accepted. */
  erased: boolean;
}

export type CustomerState = UnregisteredCustomer | RegisteredCustomer;

export const initialCustomerState: CustomerState = { status: 'unregistered' };

export const isRegistered = (state: CustomerState): state is RegisteredCustomer => state.status !== 'unregistered';

export const NO_DRIVERS: LoyaltyDrivers = { perceivedValue: 0, satisfaction: 0, trust: 0, switchingCost: 0 };

export const NO_VALUE: CustomerValue = { historical: 0, current: 0, potential: 0, total: 0, crossSell: 0, upSell: 0, creditRisk: 0 };
