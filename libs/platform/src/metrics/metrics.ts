import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics; one registry per process so tests can start several apps. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'crm_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'crm_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'crm_commands_total',
    help: 'Commands handled by type and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'crm_events_appended_total',
    help: 'Events appended to the event store',
    registers: [this.registry],
  });

  readonly eventsRelayed = new Counter({
    name: 'crm_events_relayed_total',
    help: 'Events published by the relay',
    registers: [this.registry],
  });

  readonly relayCheckpoint = new Gauge({
    name: 'crm_relay_checkpoint_position',
    help: 'Global position of the last event the relay published',
    registers: [this.registry],
  });

  readonly eventsProjected = new Counter({
    name: 'crm_events_projected_total',
    help: 'Events applied by each projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  /** The series of each method, route and status, looked up once: prom-client hashes the label set on every labelled call. */
  private readonly httpSeries = new Map<string, { requests: Counter.Internal; duration: Histogram.Internal<'method' | 'route'> }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts a finished HTTP request and observes its duration. */
  observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.httpSeries.get(key);
    if (!series) {
      series = { requests: this.httpRequests.labels({ method, route, status: String(status) }), duration: this.httpDuration.labels({ method, route }) };
      this.httpSeries.set(key, series);
    }
    series.requests.inc();
    series.duration.observe(seconds);
  }
}
