/**
 * Who may do what, as data: the one access matrix the guard enforces and docs/security.md
 * explains. A role outside a row is refused (403); a view section outside a role's row is
 * absent from every customer view it reads.
 */
export const ROLES = ['sales', 'finance', 'service', 'logistics', 'marketing', 'management', 'auditor', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Commands (the customer commands by name, plus the administrative ones). */
export const COMMANDS = [
  'RegisterCustomer',
  'SelectCustomerAsTarget',
  'UpdateProfile',
  'RecordContact',
  'RecordPurchase',
  'RecordSatisfactionSurvey',
  'RecordReferral',
  'RecordCampaignResponse',
  'FileComplaint',
  'ResolveComplaint',
  'RecordChurn',
  'StartRecovery',
  'RecordRecoveryOutcome',
  'RecordCreditEvent',
  'RecordDelivery',
  'ReviewRelationships',
  'EraseCustomer',
  'RebuildReadModel',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** What can be read: the unified view (single and list), the queues, the audit trail, admin status and metrics. */
export const RESOURCES = ['customers', 'loyalty', 'complaint-queue', 'recovery-queue', 'history', 'state', 'read-models', 'metrics'] as const;
export type Resource = (typeof RESOURCES)[number];

/**
 * Sections of the unified customer view. The core (ids, kind, role, status, stage, loyalty level,
 * tier, times, revision) is shown to every role that may read customers; `personal` is the name
 * and the contact profile, and also governs `personal` in history events and names in the queues.
 */
export const VIEW_SECTIONS = ['personal', 'clp', 'sales', 'finance', 'service', 'logistics', 'marketing', 'derived', 'loyalty', 'touchpoints'] as const;
export type ViewSection = (typeof VIEW_SECTIONS)[number];

export interface RoleAccess {
  commands: readonly CommandName[];
  reads: readonly Resource[];
  sections: readonly ViewSection[];
}

export const ACCESS_MATRIX: Readonly<Record<Role, RoleAccess>> = {
  sales: {
    commands: ['RegisterCustomer', 'SelectCustomerAsTarget', 'UpdateProfile', 'RecordContact', 'RecordPurchase', 'RecordReferral', 'RecordChurn', 'StartRecovery', 'RecordRecoveryOutcome'],
    reads: ['customers', 'loyalty', 'recovery-queue'],
    sections: ['personal', 'clp', 'sales', 'service', 'marketing', 'derived', 'loyalty', 'touchpoints'],
  },
  finance: {
    commands: ['RecordCreditEvent'],
    reads: ['customers', 'state'],
    sections: ['personal', 'clp', 'sales', 'finance', 'derived'],
  },
  service: {
    commands: ['RecordContact', 'FileComplaint', 'ResolveComplaint', 'RecordSatisfactionSurvey'],
    reads: ['customers', 'loyalty', 'complaint-queue'],
    sections: ['personal', 'service', 'logistics', 'loyalty', 'touchpoints'],
  },
  logistics: {
    commands: ['RecordDelivery'],
    reads: ['customers'],
    sections: ['personal', 'sales', 'logistics'],
  },
  marketing: {
    commands: ['RecordCampaignResponse', 'RecordReferral', 'RecordSatisfactionSurvey'],
    reads: ['customers', 'loyalty'],
    sections: ['clp', 'marketing', 'derived', 'loyalty'],
  },
  management: {
    commands: ['ReviewRelationships'],
    reads: ['customers', 'loyalty', 'complaint-queue', 'recovery-queue', 'state'],
    sections: ['clp', 'sales', 'finance', 'service', 'logistics', 'marketing', 'derived', 'loyalty', 'touchpoints'],
  },
  auditor: {
    commands: [],
    reads: ['customers', 'loyalty', 'history', 'state', 'read-models'],
    sections: ['clp', 'sales', 'finance', 'service', 'logistics', 'marketing', 'derived', 'loyalty', 'touchpoints'],
  },
  integrator: {
    commands: ['RegisterCustomer', 'RecordPurchase', 'RecordDelivery', 'RecordCampaignResponse'],
    reads: ['customers'],
    sections: ['personal', 'sales'],
  },
  admin: {
    commands: COMMANDS,
    reads: RESOURCES,
    sections: VIEW_SECTIONS,
  },
};

export const mayIssue = (role: Role, command: CommandName): boolean => ACCESS_MATRIX[role].commands.includes(command);
export const mayRead = (role: Role, resource: Resource): boolean => ACCESS_MATRIX[role].reads.includes(resource);
export const maySee = (role: Role, section: ViewSection): boolean => ACCESS_MATRIX[role].sections.includes(section);
