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
  SalesChannel,
  ValueTier,
} from './customer.commands';

/** The allowed values of each command enumeration, as records so the compiler flags a missing one. */
export const CUSTOMER_KINDS: Record<CustomerKind, true> = { individual: true, organization: true };
export const CUSTOMER_ROLES: Record<CustomerRole, true> = { 'end-customer': true, distributor: true, partner: true };
export const CUSTOMER_RELATIONS: Record<CustomerRelation, true> = { direct: true, indirect: true };
export const CONTACT_CHANNELS: Record<ContactChannel, true> = { phone: true, email: true, visit: true, web: true, 'call-centre': true, social: true };
export const CONTACT_DIRECTIONS: Record<ContactDirection, true> = { inbound: true, outbound: true };
export const SALES_CHANNELS: Record<SalesChannel, true> = {
  store: true,
  web: true,
  phone: true,
  'field-sales': true,
  distributor: true,
  marketplace: true,
};
export const COMPLAINT_CATEGORIES: Record<ComplaintCategory, true> = {
  rudeness: true,
  'poor-service': true,
  'untrained-staff': true,
  'poor-quality': true,
  'poor-choice': true,
  other: true,
};
export const COMPLAINT_SEVERITIES: Record<ComplaintSeverity, true> = { low: true, medium: true, high: true, critical: true };
export const CREDIT_EVENT_KINDS: Record<CreditEventKind, true> = { 'limit-set': true, 'payment-received': true, 'payment-overdue': true };
export const DELIVERY_STATUSES: Record<DeliveryStatus, true> = { shipped: true, delivered: true, delayed: true };
export const CAMPAIGN_RESPONSES: Record<CampaignResponseKind, true> = { opened: true, clicked: true, converted: true, ignored: true };
export const VALUE_TIERS: Record<ValueTier, true> = { key: true, general: true, 'phase-out': true };
