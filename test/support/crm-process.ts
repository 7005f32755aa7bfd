import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const START_TIMEOUT_MS = 30_000;

/** The HS256 secret every test process trusts; tests sign their own tokens with it. */
export const TEST_JWT_SECRET = 'test-only-secret-of-at-least-32-bytes!!';
/** The clock of the signed tokens: fixed, far from expiry (the tokens are checked against the real clock). */
const ISSUED_AT = 1_767_225_600; // 2026-01-01T00:00:00Z
const BOOTSTRAP_KEY = /bootstrap admin API key[^:]*: (crm_[A-Za-z0-9_-]+)/;

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs an HS256 JWT (synchronously, so specs can build headers up front). */
export function signTestJwt(claims: Record<string, unknown>, secret = TEST_JWT_SECRET): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ iat: ISSUED_AT, exp: ISSUED_AT + 100 * 365 * 86_400, ...claims })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** Authorization headers of a user with a role (department defaults to the role). */
export const bearer = (subject: string, role: string, department?: string): Record<string, string> => ({
  authorization: `Bearer ${signTestJwt({ sub: subject, role, ...(department === undefined ? {} : { department }) })}`,
});

export function temporaryDataDir(prefix = 'crm-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A real `crm` process (the built `dist/apps/crm/src/main.js`) on a data directory of the test's.
 * It trusts TEST_JWT_SECRET, and `request` sends the bootstrap admin key the first start printed
 * unless the caller gives its own credentials.
 */
export class CrmProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private bootstrapKey: string | undefined;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<CrmProcess> {
    const crm = new CrmProcess(options.dataDir ?? temporaryDataDir(), await freePort(), options.env ?? {});
    await crm.launch();
    return crm;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logs(): string {
    return this.output;
  }

  async launch(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps/crm/src/main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        CRM_DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        REVIEW_INTERVAL_MS: '0',
        READ_YOUR_WRITES_TIMEOUT_MS: '1000',
        // Off unless a suite tests it: the policy appends tier events at moments of its own.
        TIER_RANKING_DELAY_MS: '0',
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`crm exited with ${child.exitCode}:\n${this.output}`);
      try {
        const response = await fetch(`${this.baseUrl}/health`);
        if (response.status === 200) {
          this.bootstrapKey ??= BOOTSTRAP_KEY.exec(this.output)?.[1];
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`crm did not become healthy within ${START_TIMEOUT_MS} ms:\n${this.output}`);
  }

  /** Stops the process: SIGTERM for a clean shutdown, SIGKILL for a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    child.kill(signal);
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** The admin API key the first start printed. */
  get adminKey(): string {
    if (this.bootstrapKey === undefined) throw new Error(`crm printed no bootstrap admin key:\n${this.output}`);
    return this.bootstrapKey;
  }

  /** As the bootstrap admin unless `headers` carry credentials. */
  request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    const credentials: Record<string, string> = 'authorization' in headers || 'x-api-key' in headers ? {} : { 'x-api-key': this.adminKey };
    return this.anonymous<T>(method, path, body, { ...credentials, ...headers });
  }

  /** With exactly the headers given: no credentials unless they are among them. */
  async anonymous<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON (e.g. /metrics)
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}
