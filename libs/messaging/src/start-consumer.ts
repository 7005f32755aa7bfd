import type { BatchHandler, ConsumerOptions, EventConsumer } from './event-bus.port';

export interface StartingConsumer {
  /** Resolves once the consumer runs (Kafka: has joined its group). */
  running: Promise<void>;
  /** Stops retrying, and the consumer if it runs. */
  stop(): Promise<void>;
}

/**
 * Starts a consumer without holding up the app: joining a Kafka group can take a session
 * timeout after a crash, and the broker may be down at start-up, so it retries until it runs.
 * The first attempt begins synchronously, which on the in-process bus registers the group
 * before anything can publish.
 */
export function startConsumer(
  consumer: EventConsumer,
  options: ConsumerOptions,
  handler: BatchHandler,
  onRetry: (error: unknown) => void,
  retryDelayMs = 1000,
): StartingConsumer {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (): Promise<void> =>
    consumer.start(options, handler).catch(
      (error: unknown) =>
        new Promise<void>((resolve, reject) => {
          if (stopped) return reject(error);
          onRetry(error);
          timer = setTimeout(() => attempt().then(resolve, reject), retryDelayMs);
        }),
    );
  const running = attempt();
  running.catch(() => undefined);
  return {
    running,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await consumer.stop();
    },
  };
}
