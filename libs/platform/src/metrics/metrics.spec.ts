import { Metrics } from './metrics';

describe('the HTTP request metrics', () => {
  it('count each method, route and status apart and observe the durations of each method and route', async () => {
    const metrics = new Metrics();

    metrics.observeHttpRequest('GET', '/customers/:customerId', 200, 0.002);
    metrics.observeHttpRequest('GET', '/customers/:customerId', 200, 0.02);
    metrics.observeHttpRequest('GET', '/customers/:customerId', 404, 0.001);
    metrics.observeHttpRequest('POST', '/customers', 201, 0.3);

    const text = await metrics.registry.metrics();
    expect(text).toContain('crm_http_requests_total{method="GET",route="/customers/:customerId",status="200"} 2');
    expect(text).toContain('crm_http_requests_total{method="GET",route="/customers/:customerId",status="404"} 1');
    expect(text).toContain('crm_http_requests_total{method="POST",route="/customers",status="201"} 1');
    expect(text).toContain('crm_http_request_duration_seconds_count{method="GET",route="/customers/:customerId"} 3');
    expect(text).toContain('crm_http_request_duration_seconds_bucket{le="0.0025",method="GET",route="/customers/:customerId"} 2');
    expect(text).toContain('crm_http_request_duration_seconds_sum{method="POST",route="/customers"} 0.3');
  });
});
