import type * as C from '../customer/customer.commands';

/**
 * Command builders for specs and scenarios, with fixed ids and the clock set to each command's
 * own business time (override `now` to test the clock rules). Defaults describe a plain
 * individual, direct end-customer buying one line.
 */
export function customerCommands(customerId: string) {
  const at = <T extends C.CustomerCommand>(type: T['type'], data: Omit<T['data'], 'customerId'>, now: string): T =>
    ({ type, data: { customerId, ...data }, metadata: { now } }) as unknown as T;
  return {
    register: (occurredAt: string, over: Partial<C.RegisterCustomer['data']> = {}) =>
      at<C.RegisterCustomer>('RegisterCustomer', { name: `Customer ${customerId}`, kind: 'individual', role: 'end-customer', relation: 'direct', occurredAt, ...over }, occurredAt),
    selectAsTarget: (occurredAt: string, reason = 'fits the target profile') =>
      at<C.SelectCustomerAsTarget>('SelectCustomerAsTarget', { occurredAt, reason }, occurredAt),
    contact: (occurredAt: string, over: Partial<C.RecordContact['data']> = {}) =>
      at<C.RecordContact>('RecordContact', { occurredAt, channel: 'phone', direction: 'outbound', purpose: 'follow-up', ...over }, occurredAt),
    purchase: (orderId: string, occurredAt: string, line: Partial<C.PurchaseLine> = {}, channel: C.SalesChannel = 'web') =>
      at<C.RecordPurchase>(
        'RecordPurchase',
        { orderId, occurredAt, channel, lines: [{ product: 'widget', category: 'widgets', quantity: 1, revenue: 1000, cost: 600, ...line }] },
        occurredAt,
      ),
    purchaseLines: (orderId: string, occurredAt: string, lines: C.PurchaseLine[]) =>
      at<C.RecordPurchase>('RecordPurchase', { orderId, occurredAt, channel: 'web', lines }, occurredAt),
    survey: (occurredAt: string, score: number) => at<C.RecordSatisfactionSurvey>('RecordSatisfactionSurvey', { occurredAt, score }, occurredAt),
    fileComplaint: (complaintId: string, occurredAt: string, over: Partial<C.FileComplaint['data']> = {}) =>
      at<C.FileComplaint>('FileComplaint', { complaintId, occurredAt, category: 'poor-service', severity: 'medium', description: 'waited too long', ...over }, occurredAt),
    resolveComplaint: (complaintId: string, occurredAt: string, customerSatisfied = true) =>
      at<C.ResolveComplaint>('ResolveComplaint', { complaintId, occurredAt, outcome: 'apologised and fixed', customerSatisfied }, occurredAt),
    escalateComplaint: (complaintId: string, asOf: string, deadline: string) =>
      at<C.EscalateComplaint>('EscalateComplaint', { complaintId, asOf, deadline }, asOf),
    referral: (occurredAt: string, referredName?: string) =>
      at<C.RecordReferral>('RecordReferral', { occurredAt, ...(referredName === undefined ? {} : { referredName }) }, occurredAt),
    churn: (occurredAt: string, reason = 'moved to a competitor') => at<C.RecordChurn>('RecordChurn', { occurredAt, reason }, occurredAt),
    startRecovery: (recoveryId: string, occurredAt: string, offer = '20% off the next order') =>
      at<C.StartRecovery>('StartRecovery', { recoveryId, occurredAt, offer }, occurredAt),
    recoveryOutcome: (recoveryId: string, occurredAt: string, succeeded: boolean, note?: string) =>
      at<C.RecordRecoveryOutcome>('RecordRecoveryOutcome', { recoveryId, occurredAt, succeeded, ...(note === undefined ? {} : { note }) }, occurredAt),
    erase: (occurredAt: string) => at<C.EraseCustomer>('EraseCustomer', { occurredAt }, occurredAt),
    updateProfile: (occurredAt: string, changes: C.ProfileChanges) => at<C.UpdateProfile>('UpdateProfile', { occurredAt, changes }, occurredAt),
    credit: (occurredAt: string, kind: C.CreditEventKind, amount: number) =>
      at<C.RecordCreditEvent>('RecordCreditEvent', { occurredAt, kind, amount }, occurredAt),
    delivery: (orderId: string, occurredAt: string, status: C.DeliveryStatus = 'delivered', delayDays?: number) =>
      at<C.RecordDelivery>('RecordDelivery', { orderId, occurredAt, status, ...(delayDays === undefined ? {} : { delayDays }) }, occurredAt),
    campaignResponse: (occurredAt: string, response: C.CampaignResponseKind = 'clicked', campaign = 'spring-sale') =>
      at<C.RecordCampaignResponse>('RecordCampaignResponse', { occurredAt, campaign, response }, occurredAt),
    review: (asOf: string) => at<C.ReviewRelationship>('ReviewRelationship', { asOf }, asOf),
    assignTier: (asOf: string, tier: C.ValueTier, rule = 'tier.pareto-key', figures: Record<string, number> = { rank: 1 }) =>
      at<C.AssignValueTier>('AssignValueTier', { asOf, tier, rule, figures }, asOf),
  };
}

/** Sets a command's clock, to test what the domain accepts relative to `now`. */
export const withNow = <T extends C.CustomerCommand>(command: T, now: string): T => ({ ...command, metadata: { now } });

/** The fixed clock of the specs: day 0 is 2024-01-01 09:00 UTC. */
export const DAY_ZERO = '2024-01-01T09:00:00.000Z';
export const day = (n: number, hours = 0): string => new Date(Date.parse(DAY_ZERO) + (n * 24 + hours) * 3_600_000).toISOString();
