/**
 * The public topics, one per touchpoint family. A breaking change of a topic's messages gets a
 * new topic (`.v2`) published beside the old one; deployments may prefix the names.
 */
export const INTEGRATION_TOPICS = ['crm.customers.v1', 'crm.purchases.v1', 'crm.complaints.v1', 'crm.lifecycle.v1', 'crm.loyalty.v1'] as const;

export type IntegrationTopic = (typeof INTEGRATION_TOPICS)[number];
