import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandOutcome } from '@crm/application';
import type { CustomerCommand } from '@crm/domain';

/** Every customer command travels the bus in this one envelope: the handling is the same for all. */
export class ExecuteCustomerCommand extends Command<CommandOutcome> {
  constructor(
    readonly command: CustomerCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
