/**
 * The values public messages may carry, owned by the public contract rather than the domain.
 * The mapping assigns domain values to these types, so a value the domain adds fails to compile
 * here until the contract (and its JSON Schemas) decide how to publish it.
 */
export const PUBLIC_CUSTOMER_KINDS = ['individual', 'organization'] as const;
export const PUBLIC_CUSTOMER_ROLES = ['end-customer', 'distributor', 'partner'] as const;
export const PUBLIC_CUSTOMER_RELATIONS = ['direct', 'indirect'] as const;
export const PUBLIC_RELATIONSHIP_STATUSES = ['potential', 'target', 'active', 'lost', 'recovered'] as const;
export const PUBLIC_SALES_CHANNELS = ['store', 'web', 'phone', 'field-sales', 'distributor', 'marketplace'] as const;
export const PUBLIC_DELIVERY_STATUSES = ['shipped', 'delivered', 'delayed'] as const;
export const PUBLIC_COMPLAINT_CATEGORIES = ['rudeness', 'poor-service', 'untrained-staff', 'poor-quality', 'poor-choice', 'other'] as const;
export const PUBLIC_COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const PUBLIC_LIFECYCLE_STAGES = ['exploration', 'formation', 'stability', 'decline'] as const;
export const PUBLIC_LOYALTY_LEVELS = ['none', 'satisfaction', 'trust', 'behavioural', 'emotional', 'sustainable'] as const;
export const PUBLIC_VALUE_TIERS = ['key', 'general', 'phase-out'] as const;

export type PublicCustomerKind = (typeof PUBLIC_CUSTOMER_KINDS)[number];
export type PublicCustomerRole = (typeof PUBLIC_CUSTOMER_ROLES)[number];
export type PublicCustomerRelation = (typeof PUBLIC_CUSTOMER_RELATIONS)[number];
export type PublicRelationshipStatus = (typeof PUBLIC_RELATIONSHIP_STATUSES)[number];
export type PublicSalesChannel = (typeof PUBLIC_SALES_CHANNELS)[number];
export type PublicDeliveryStatus = (typeof PUBLIC_DELIVERY_STATUSES)[number];
export type PublicComplaintCategory = (typeof PUBLIC_COMPLAINT_CATEGORIES)[number];
export type PublicComplaintSeverity = (typeof PUBLIC_COMPLAINT_SEVERITIES)[number];
export type PublicLifecycleStage = (typeof PUBLIC_LIFECYCLE_STAGES)[number];
export type PublicLoyaltyLevel = (typeof PUBLIC_LOYALTY_LEVELS)[number];
export type PublicValueTier = (typeof PUBLIC_VALUE_TIERS)[number];
