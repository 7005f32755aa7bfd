import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CustomerCommandExecutor, type CommandOutcome } from '@crm/application';
import { Metrics } from '@crm/platform';
import { ExecuteCustomerCommand } from './execute-customer-command.command';

@CommandHandler(ExecuteCustomerCommand)
export class ExecuteCustomerCommandHandler implements ICommandHandler<ExecuteCustomerCommand, CommandOutcome> {
  constructor(
    @Inject(CustomerCommandExecutor) private readonly executor: CustomerCommandExecutor,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  async execute({ command, context }: ExecuteCustomerCommand): Promise<CommandOutcome> {
    try {
      const outcome = await this.executor.execute(command, context);
      this.metrics.commands.inc({ command: command.type, outcome: outcome.replayed ? 'replayed' : 'accepted' });
      if (!outcome.replayed) this.metrics.eventsAppended.inc(outcome.events.length);
      return outcome;
    } catch (error) {
      this.metrics.commands.inc({ command: command.type, outcome: 'rejected' });
      throw error;
    }
  }
}
