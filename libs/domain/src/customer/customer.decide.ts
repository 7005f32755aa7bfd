import type { DomainRules } from '../config/domain-rules';
import { complaintDeadline, complaintPriority } from '../rules/complaint-sla.rule';
import type { EvaluationTrigger } from '../rules/evaluation-trigger';
import { historyItems, someInHistory } from '../shared/history';
import { money, round, sum } from '../shared/numbers';
import { hoursBetween, isAfter } from '../shared/time';
import type * as C from './customer.commands';
import { deriveConsequences } from './customer.derive';
import {
  ComplaintNotFoundError,
  CommandRejectedError,
  CustomerAlreadyRegisteredError,
  CustomerNotFoundError,
  InvalidCommandError,
  RecoveryNotFoundError,
} from './customer.errors';
import type { CustomerEvent, PricedLine } from './customer.events';
import { evolve } from './customer.evolve';
import { isRegistered, type CustomerState, type RegisteredCustomer } from './customer.state';
import {
  definedOnly,
  optionalText,
  requireAmount,
  requireBoolean,
  requireBusinessTime,
  requireOneOf,
  requirePositiveInteger,
  requireText,
} from './customer.validation';
import * as V from './customer.vocabulary';

/**
 * Decides what a command means for the relationship: the touchpoint fact it records, followed by
 * the events the rules derive from it. Throws a DomainError when the command is invalid or the
 * state forbids it; returns [] when it changes nothing (a repeated review, an unchanged tier).
 */
export function decide(command: C.CustomerCommand, state: CustomerState, rules: DomainRules): CustomerEvent[] {
  if (command.type === 'RegisterCustomer') return registerCustomer(command, state, rules);
  const customer = requireRegistered(state, command.data.customerId);
  const events = decideForRegistered(command, customer, rules);
  if (customer.erased && events.some(carriesPersonalData)) {
    throw new CommandRejectedError('The personal data of this customer was erased; a command carrying personal data is refused');
  }
  return events;
}

function decideForRegistered(command: Exclude<C.CustomerCommand, C.RegisterCustomer>, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  switch (command.type) {
    case 'SelectCustomerAsTarget':
      return selectCustomerAsTarget(command, customer, rules);
    case 'RecordContact':
      return recordContact(command, customer, rules);
    case 'RecordPurchase':
      return recordPurchase(command, customer, rules);
    case 'FileComplaint':
      return fileComplaint(command, customer, rules);
    case 'ResolveComplaint':
      return resolveComplaint(command, customer, rules);
    case 'RecordSatisfactionSurvey':
      return recordSatisfactionSurvey(command, customer, rules);
    case 'RecordReferral':
      return recordReferral(command, customer, rules);
    case 'RecordChurn':
      return recordChurn(command, customer, rules);
    case 'StartRecovery':
      return startRecovery(command, customer, rules);
    case 'RecordRecoveryOutcome':
      return recordRecoveryOutcome(command, customer, rules);
    case 'UpdateProfile':
      return updateProfile(command, customer, rules);
    case 'RecordCreditEvent':
      return recordCreditEvent(command, customer, rules);
    case 'RecordDelivery':
      return recordDelivery(command, customer, rules);
    case 'RecordCampaignResponse':
      return recordCampaignResponse(command, customer, rules);
    case 'ReviewRelationship':
      return reviewRelationship(command, customer, rules);
    case 'AssignValueTier':
      return assignValueTier(command, customer, rules);
    case 'EscalateComplaint':
      return escalateComplaint(command, customer, rules);
    case 'EraseCustomer':
      return eraseCustomer(command, customer, rules);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** Erasing is for good: no new personal data may be recorded for an erased customer (it could not be shredded again). */
const carriesPersonalData = (event: CustomerEvent): boolean => {
  const personal = (event.data as { personal?: object }).personal;
  return personal !== undefined && Object.keys(personal).length > 0;
};

function requireRegistered(state: CustomerState, customerId: string): RegisteredCustomer {
  if (!isRegistered(state)) throw new CustomerNotFoundError(customerId);
  return state;
}

/** The fact, then what the rules derive from the state it leads to. */
function withConsequences(state: CustomerState, fact: CustomerEvent, trigger: EvaluationTrigger, rules: DomainRules): CustomerEvent[] {
  const after = evolve(state, fact) as RegisteredCustomer;
  return [fact, ...deriveConsequences(after, trigger, fact.data.occurredAt, rules)];
}

const TOUCHPOINT: EvaluationTrigger = { kind: 'touchpoint' };

function registerCustomer(command: C.RegisterCustomer, state: CustomerState, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  if (isRegistered(state)) throw new CustomerAlreadyRegisteredError(data.customerId);
  const fact: CustomerEvent = {
    type: 'CustomerRegistered',
    data: {
      customerId: requireText('customerId', data.customerId),
      occurredAt: requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules),
      kind: requireOneOf('kind', data.kind, V.CUSTOMER_KINDS),
      role: requireOneOf('role', data.role, V.CUSTOMER_ROLES),
      relation: requireOneOf('relation', data.relation, V.CUSTOMER_RELATIONS),
      ...definedOnly({ source: optionalText('source', data.source) }),
      personal: {
        name: requireText('name', data.name),
        ...definedOnly({ email: optionalText('email', data.email), phone: optionalText('phone', data.phone) }),
      },
    },
  };
  return withConsequences(state, fact, { kind: 'registration' }, rules);
}

function selectCustomerAsTarget(command: C.SelectCustomerAsTarget, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const reason = requireText('reason', data.reason);
  if (customer.status !== 'potential') throw new CommandRejectedError(`Only a potential customer can be selected as target; this one is ${customer.status}`);
  const fact: CustomerEvent = { type: 'CustomerSelectedAsTarget', data: { customerId: customer.customerId, occurredAt, personal: { reason } } };
  return withConsequences(customer, fact, { kind: 'selected-as-target' }, rules);
}

function recordContact(command: C.RecordContact, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const fact: CustomerEvent = {
    type: 'ContactRecorded',
    data: {
      customerId: customer.customerId,
      occurredAt: requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules),
      channel: requireOneOf('channel', data.channel, V.CONTACT_CHANNELS),
      direction: requireOneOf('direction', data.direction, V.CONTACT_DIRECTIONS),
      personal: { purpose: requireText('purpose', data.purpose), ...definedOnly({ outcome: optionalText('outcome', data.outcome) }) },
    },
  };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

function recordPurchase(command: C.RecordPurchase, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const orderId = requireText('orderId', data.orderId);
  const channel = requireOneOf('channel', data.channel, V.SALES_CHANNELS);
  if (!Array.isArray(data.lines) || data.lines.length === 0) throw new InvalidCommandError('lines', 'must hold at least one line');
  const lines: PricedLine[] = data.lines.map((line, index) => {
    const revenue = requireAmount(`lines[${index}].revenue`, line.revenue);
    const cost = requireAmount(`lines[${index}].cost`, line.cost);
    return {
      product: requireText(`lines[${index}].product`, line.product),
      category: requireText(`lines[${index}].category`, line.category),
      quantity: requirePositiveInteger(`lines[${index}].quantity`, line.quantity),
      revenue,
      cost,
      profit: money(revenue - cost),
    };
  });
  if (customer.status === 'lost') throw new CommandRejectedError('A lost customer cannot purchase before a successful recovery');
  if (someInHistory(customer.sales.orders, (order) => order.orderId === orderId)) throw new CommandRejectedError(`Order ${orderId} is already recorded`);
  const totals = {
    quantity: sum(lines.map((line) => line.quantity)),
    revenue: money(sum(lines.map((line) => line.revenue))),
    cost: money(sum(lines.map((line) => line.cost))),
    profit: money(sum(lines.map((line) => line.profit))),
  };
  const fact: CustomerEvent = { type: 'PurchaseRecorded', data: { customerId: customer.customerId, occurredAt, orderId, channel, lines, totals } };
  return withConsequences(customer, fact, { kind: 'purchase' }, rules);
}

function fileComplaint(command: C.FileComplaint, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const complaintId = requireText('complaintId', data.complaintId);
  const severity = requireOneOf('severity', data.severity, V.COMPLAINT_SEVERITIES);
  const category = requireOneOf('category', data.category, V.COMPLAINT_CATEGORIES);
  const description = requireText('description', data.description);
  if (someInHistory(customer.service.complaints, (filed) => filed.complaintId === complaintId)) throw new CommandRejectedError(`Complaint ${complaintId} is already filed`);
  const fact: CustomerEvent = {
    type: 'ComplaintFiled',
    data: {
      customerId: customer.customerId,
      occurredAt,
      complaintId,
      category,
      severity,
      deadline: complaintDeadline(occurredAt, severity, rules),
      slaHours: rules.complaints.slaHours[severity],
      customerTier: customer.valueTier,
      priority: complaintPriority(severity, customer.valueTier, rules),
      personal: { description, customerName: customer.profile.name },
    },
  };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

function requireOpenComplaint(customer: RegisteredCustomer, complaintId: string) {
  const complaint = customer.service.openComplaints[complaintId];
  if (complaint) return complaint;
  if (someInHistory(customer.service.complaints, (filed) => filed.complaintId === complaintId)) {
    throw new CommandRejectedError(`Complaint ${complaintId} is already resolved`);
  }
  throw new ComplaintNotFoundError(complaintId);
}

function resolveComplaint(command: C.ResolveComplaint, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const outcome = requireText('outcome', data.outcome);
  const customerSatisfied = requireBoolean('customerSatisfied', data.customerSatisfied);
  const complaint = requireOpenComplaint(customer, requireText('complaintId', data.complaintId));
  if (isAfter(complaint.filedAt, occurredAt)) throw new InvalidCommandError('occurredAt', 'must not be before the complaint was filed');
  const fact: CustomerEvent = {
    type: 'ComplaintResolved',
    data: { customerId: customer.customerId, occurredAt, complaintId: data.complaintId, customerSatisfied, personal: { outcome } },
  };
  return withConsequences(customer, fact, { kind: 'complaint-resolved', satisfied: customerSatisfied }, rules);
}

function escalateComplaint(command: C.EscalateComplaint, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const asOf = requireBusinessTime('asOf', data.asOf, metadata.now, rules);
  const complaint = requireOpenComplaint(customer, requireText('complaintId', data.complaintId));
  if (complaint.escalated) return [];
  if (!isAfter(asOf, complaint.deadline)) throw new CommandRejectedError(`Complaint ${data.complaintId} is not past its deadline ${complaint.deadline}`);
  const fact: CustomerEvent = {
    type: 'ComplaintEscalated',
    data: {
      customerId: customer.customerId,
      occurredAt: asOf,
      complaintId: data.complaintId,
      severity: complaint.severity,
      deadline: complaint.deadline,
      overdueHours: round(hoursBetween(complaint.deadline, asOf), 2),
    },
  };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

function recordSatisfactionSurvey(command: C.RecordSatisfactionSurvey, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const score = data.score;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > rules.drivers.surveyScaleMax) {
    throw new InvalidCommandError('score', `must be a number from 0 to ${rules.drivers.surveyScaleMax}`);
  }
  const fact: CustomerEvent = { type: 'SatisfactionSurveyed', data: { customerId: customer.customerId, occurredAt, score } };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

function recordReferral(command: C.RecordReferral, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const fact: CustomerEvent = {
    type: 'ReferralMade',
    data: {
      customerId: customer.customerId,
      occurredAt: requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules),
      personal: definedOnly({ referredName: optionalText('referredName', data.referredName) }),
    },
  };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

function recordChurn(command: C.RecordChurn, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const reason = requireText('reason', data.reason);
  if (customer.status === 'lost') throw new CommandRejectedError('The customer is already lost');
  if (customer.status === 'potential' || customer.status === 'target') {
    throw new CommandRejectedError('A customer who never bought cannot churn');
  }
  const fact: CustomerEvent = { type: 'CustomerChurned', data: { customerId: customer.customerId, occurredAt, personal: { reason } } };
  return withConsequences(customer, fact, { kind: 'churn' }, rules);
}

function startRecovery(command: C.StartRecovery, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const recoveryId = requireText('recoveryId', data.recoveryId);
  const offer = requireText('offer', data.offer);
  if (customer.recoveries[recoveryId]) throw new CommandRejectedError(`Recovery ${recoveryId} is already started`);
  const declining = customer.status === 'active' && customer.lifecycle.stage === 'decline';
  if (customer.status !== 'lost' && !declining) throw new CommandRejectedError('Only a lost or declining customer can be recovered');
  if (Object.values(customer.recoveries).some((recovery) => recovery.outcome === 'pending')) {
    throw new CommandRejectedError('A recovery is already in progress for this customer');
  }
  const fact: CustomerEvent = { type: 'RecoveryStarted', data: { customerId: customer.customerId, occurredAt, recoveryId, personal: { offer } } };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

function recordRecoveryOutcome(command: C.RecordRecoveryOutcome, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const succeeded = requireBoolean('succeeded', data.succeeded);
  const note = optionalText('note', data.note);
  const recoveryId = requireText('recoveryId', data.recoveryId);
  const recovery = customer.recoveries[recoveryId];
  if (!recovery) throw new RecoveryNotFoundError(recoveryId);
  if (recovery.outcome !== 'pending') throw new CommandRejectedError(`Recovery ${recoveryId} already ${recovery.outcome}`);
  const fact: CustomerEvent = {
    type: 'RecoveryOutcomeRecorded',
    data: { customerId: customer.customerId, occurredAt, recoveryId, succeeded, personal: definedOnly({ note }) },
  };
  return withConsequences(customer, fact, { kind: 'recovery-outcome', succeeded }, rules);
}

/** Records only what actually changes; an update that changes nothing appends nothing. Profile facts feed no rule. */
function updateProfile(command: C.UpdateProfile, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const given = data.changes ?? {};
  const changes = definedOnly({
    kind: given.kind === undefined ? undefined : requireOneOf('changes.kind', given.kind, V.CUSTOMER_KINDS),
    role: given.role === undefined ? undefined : requireOneOf('changes.role', given.role, V.CUSTOMER_ROLES),
    relation: given.relation === undefined ? undefined : requireOneOf('changes.relation', given.relation, V.CUSTOMER_RELATIONS),
    segment: optionalText('changes.segment', given.segment),
  });
  const personal = definedOnly({
    name: optionalText('changes.name', given.name),
    email: optionalText('changes.email', given.email),
    phone: optionalText('changes.phone', given.phone),
  });
  if (Object.keys(changes).length + Object.keys(personal).length === 0) throw new InvalidCommandError('changes', 'must change at least one field');
  const profile = customer.profile as unknown as Record<string, unknown>;
  const changed = <T extends Record<string, unknown>>(fields: T): T =>
    Object.fromEntries(Object.entries(fields).filter(([key, value]) => profile[key] !== value)) as T;
  const event: CustomerEvent = {
    type: 'ProfileUpdated',
    data: { customerId: customer.customerId, occurredAt, changes: changed(changes), personal: changed(personal) },
  };
  return Object.keys(event.data.changes).length + Object.keys(event.data.personal).length === 0 ? [] : [event];
}

function recordCreditEvent(command: C.RecordCreditEvent, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const fact: CustomerEvent = {
    type: 'CreditEventRecorded',
    data: {
      customerId: customer.customerId,
      occurredAt: requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules),
      kind: requireOneOf('kind', data.kind, V.CREDIT_EVENT_KINDS),
      amount: requireAmount('amount', data.amount),
      ...definedOnly({ reference: optionalText('reference', data.reference) }),
    },
  };
  return withConsequences(customer, fact, { kind: 'credit' }, rules);
}

function recordDelivery(command: C.RecordDelivery, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules);
  const status = requireOneOf('status', data.status, V.DELIVERY_STATUSES);
  let delayDays = 0;
  if (status === 'delayed') {
    delayDays = requirePositiveInteger('delayDays', data.delayDays);
  } else if (data.delayDays !== undefined && data.delayDays !== 0) {
    throw new InvalidCommandError('delayDays', 'is only given for a delayed delivery');
  }
  const fact: CustomerEvent = {
    type: 'DeliveryRecorded',
    data: {
      customerId: customer.customerId,
      occurredAt,
      orderId: requireText('orderId', data.orderId),
      status,
      delayDays,
      personal: definedOnly({ note: optionalText('note', data.note) }),
    },
  };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

function recordCampaignResponse(command: C.RecordCampaignResponse, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const fact: CustomerEvent = {
    type: 'CampaignResponseRecorded',
    data: {
      customerId: customer.customerId,
      occurredAt: requireBusinessTime('occurredAt', data.occurredAt, metadata.now, rules),
      campaign: requireText('campaign', data.campaign),
      response: requireOneOf('response', data.response, V.CAMPAIGN_RESPONSES),
    },
  };
  return withConsequences(customer, fact, TOUCHPOINT, rules);
}

/** The time-driven rules as of `asOf`. Idempotent: what it derives is folded, so the same review again finds nothing to change. */
function reviewRelationship(command: C.ReviewRelationship, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const asOf = requireBusinessTime('asOf', command.data.asOf, command.metadata.now, rules);
  return deriveConsequences(customer, { kind: 'review' }, asOf, rules);
}

function assignValueTier(command: C.AssignValueTier, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const { data, metadata } = command;
  const occurredAt = requireBusinessTime('asOf', data.asOf, metadata.now, rules);
  const tier = requireOneOf('tier', data.tier, V.VALUE_TIERS);
  const rule = requireText('rule', data.rule);
  const figures = data.figures;
  if (typeof figures !== 'object' || figures === null || Object.values(figures).some((value) => typeof value !== 'number' || !Number.isFinite(value))) {
    throw new InvalidCommandError('figures', 'must map names to finite numbers');
  }
  if (customer.valueTier === tier) return [];
  const complaintPriorities = Object.entries(customer.service.openComplaints).map(([complaintId, complaint]) => ({ complaintId, priority: complaintPriority(complaint.severity, tier, rules) }));
  return [
    {
      type: 'ValueTierAssigned',
      data: { customerId: customer.customerId, occurredAt, from: customer.valueTier, to: tier, rule, figures: { ...figures }, complaintPriorities },
    },
  ];
}

/** Idempotent: erasing an erased customer records nothing, so a retried erasure can still shred the key. */
function eraseCustomer(command: C.EraseCustomer, customer: RegisteredCustomer, rules: DomainRules): CustomerEvent[] {
  const occurredAt = requireBusinessTime('occurredAt', command.data.occurredAt, command.metadata.now, rules);
  if (customer.erased) return [];
  return [{ type: 'CustomerErased', data: { customerId: customer.customerId, occurredAt, complaintIds: historyItems(customer.service.complaints).map((filed) => filed.complaintId) } }];
}
