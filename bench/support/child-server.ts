import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { processPeakRssMb } from './peak-rss';
import { NotRunError } from './scenario';
import { sleep } from './timing';

export interface ChildServer {
  url: string;
  /** Everything the process wrote on stderr so far. */
  stderr(): string;
  /** Peak RSS of the server process so far (MiB), where the OS tells. */
  peakRssMb(): number | undefined;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** A port the OS reports free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

/**
 * Starts `node <script>` with PORT set and waits until `readyPath` answers, so the measured
 * server runs in a process of its own exactly as it is deployed.
 */
export async function startChildServer(script: string, env: Record<string, string>, readyPath: string): Promise<ChildServer> {
  if (!existsSync(script)) throw new NotRunError(`${script} is not built (run npm run build)`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`${script} exited before it was ready:\n${stderr.slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} was not ready within ${START_TIMEOUT_MS} ms:\n${stderr.slice(-2000)}`);
    }
    try {
      if ((await fetch(`${url}${readyPath}`)).status < 500) break;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }

  return {
    url,
    stderr: () => stderr,
    peakRssMb: () => (child.pid === undefined ? undefined : processPeakRssMb(child.pid)),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
}
