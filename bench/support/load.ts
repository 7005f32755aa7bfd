import autocannon from 'autocannon';

export interface LoadFigures {
  /** 2xx responses per second. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses other than 2xx, and connection errors: reported, never hidden. */
  failures: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Builds each request: method, path, headers, body. */
  next(): { method: string; path: string; headers?: Record<string, string>; body?: string };
}

/** Drives a server with autocannon (closed loop, pipelining 1) and summarises the run. */
export async function drive(options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationSeconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...options.next() }) }],
  });
  const succeeded = Object.entries(result.statusCodeStats)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, stats]) => sum + Number(stats.count), 0);
  return {
    requestsPerSecond: succeeded / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
    total: result.requests.total,
  };
}
