import { randomUUID } from 'node:crypto';
import { rankValueTiers, type CustomerCommand, type DomainRules, type RankedCustomer } from '@crm/domain';
import type { Clock } from '@crm/platform';
import type { CommandRequest } from './command-request';
import type { CommandOutcome, CustomerCommandExecutor } from './customer-command.executor';

export type SystemCommandRunner = (command: CommandRequest) => Promise<CommandOutcome>;

/** Runs commands on behalf of a policy: the policy is the actor, one correlation id per run. */
export function systemCommandRunner(
  executor: CustomerCommandExecutor,
  clock: Clock,
  actor: string,
  correlationId: string = randomUUID(),
): SystemCommandRunner {
  return (command) => {
    const now = clock().toISOString();
    return executor.execute({ ...command, metadata: { now } } as CustomerCommand, {
      now,
      actor,
      department: 'crm',
      correlationId,
      commandId: randomUUID(),
    });
  };
}

/** Ranks the base by CLP (Pareto) and records each tier that changes; returns how many changed. */
export async function assignValueTiers(
  customers: readonly RankedCustomer[],
  asOf: string,
  rules: DomainRules,
  run: SystemCommandRunner,
): Promise<number> {
  const changes = rankValueTiers(customers, rules);
  for (const change of changes) await run({ type: 'AssignValueTier', data: { ...change, asOf } });
  return changes.length;
}
