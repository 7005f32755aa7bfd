import type { CustomerCommand } from '../customer/customer.commands';
import type { CustomerDecider } from '../customer/customer.decider';
import type { CustomerEvent } from '../customer/customer.events';

type ErrorClass = abstract new (...args: never[]) => Error;
type ErrorCheck = ErrorClass | ((error: unknown) => boolean);

/**
 * Specs as given / when / then, free of any test framework so it ships with the lib:
 *   spec.given([registered]).when(recordPurchase).then([purchaseRecorded, ...])
 *   spec.given(history).when(review).then((events) => expect(events).toHaveLength(0))
 *   spec.given([]).when(recordPurchase).thenThrows(CustomerNotFoundError)
 */
export function deciderSpecification(decider: CustomerDecider) {
  return {
    given(history: readonly CustomerEvent[]) {
      const state = history.reduce(decider.evolve, decider.initialState);
      return {
        when(command: CustomerCommand) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: readonly CustomerEvent[] | ((events: CustomerEvent[]) => void)): CustomerEvent[] {
              const events = run();
              if (typeof expected === 'function') {
                expected(events);
              } else if (canonical(events) !== canonical(expected)) {
                throw new Error(`Expected events:\n${canonical(expected, 2)}\nbut got:\n${canonical(events, 2)}`);
              }
              return events;
            },
            thenThrows(check: ErrorCheck): unknown {
              let events: CustomerEvent[];
              try {
                events = run();
              } catch (error) {
                if (!matches(error, check)) throw new Error(`Expected a different error, got ${String(error)}`);
                return error;
              }
              throw new Error(`Expected an error, but got events:\n${canonical(events, 2)}`);
            },
          };
        },
      };
    },
  };
}

function matches(error: unknown, check: ErrorCheck): boolean {
  if (check === Error || check.prototype instanceof Error) return error instanceof (check as ErrorClass);
  return (check as (error: unknown) => boolean)(error);
}

/** JSON with sorted keys, so key order never decides equality. */
function canonical(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, item) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.keys(item).sort().map((key) => [key, item[key]]))
      : item,
  indent);
}

/** The events a sequence of commands records, each decided on the state the previous ones left. */
export function historyOf(decider: CustomerDecider, commands: readonly CustomerCommand[]): CustomerEvent[] {
  const events: CustomerEvent[] = [];
  let state = decider.initialState;
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return events;
}
