import type { CommandOutcome } from '@crm/application';

/**
 * Reads a generated id (complaintId, recoveryId) back from the events, so an idempotent replay
 * answers with the id of the first request rather than the one generated for the retry.
 */
export const idOfFirstEvent =
  (field: string) =>
  (outcome: CommandOutcome): Record<string, unknown> => {
    const data = outcome.events[0]?.data as Record<string, unknown> | undefined;
    return data && field in data ? { [field]: data[field] } : {};
  };
