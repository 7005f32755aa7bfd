import type { CustomerCommand } from '@crm/domain';

/** A command as its issuer states it: everything but the clock, which whoever sends it adds. */
export type CommandRequest = {
  [K in CustomerCommand['type']]: Omit<Extract<CustomerCommand, { type: K }>, 'metadata'>;
}[CustomerCommand['type']];
