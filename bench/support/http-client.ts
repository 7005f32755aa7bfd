import { Agent, request } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Keep-alive connections for the bench's own requests (setup, lag probes). Every socket is kept
 * when idle (Node keeps 256 by default): a socket closed in a lull is reopened under load, and a
 * saturated server accepts about one new connection per event-loop iteration, so requests on
 * reopened sockets waited for seconds and were measured as command latency.
 */
export const keepAliveAgent = (maxSockets: number): Agent => new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });

export function httpRequest(
  agent: Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The JSON body of a 2xx answer; anything else is an error naming the status and body. */
export async function expectJson<T>(response: Promise<HttpResponse>): Promise<T> {
  const { status, body } = await response;
  if (status < 200 || status >= 300) throw new Error(`HTTP ${status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as T;
}
