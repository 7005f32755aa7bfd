/**
 * `npm run bench`: runs every scenario, each in a child process of its own (so its peak RSS is
 * its own and a crash stays contained), prints a table and writes docs/benchmarks.md.
 *   node dist/bench/run.js [--quick] [--infra] [--out <file>] [--only <name,name>]
 * Benchmarks are not tests: a missed target is reported, and the exit code is 0 unless a
 * scenario crashed.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { machineInfo } from './support/machine';
import { ownPeakRssMb } from './support/peak-rss';
import { consoleReport, markdownReport, type ScenarioOutcome } from './support/report';
import { NotRunError, notRun, type BenchContext, type BenchRow } from './support/scenario';
import { nowMs } from './support/timing';

interface ScenarioEntry {
  /** Module `scenarios/<name>.bench`, exporting `run(context): Promise<BenchRow[]>`. */
  name: string;
  title: string;
}

const SCENARIOS: ScenarioEntry[] = [
  { name: 'durable-append', title: 'Durable append, group commit' },
  { name: 'durability-vs-autocommit', title: 'Durability without losing speed' },
  { name: 'stream-rehydration', title: 'Stream rehydration' },
  { name: 'http-command', title: 'HTTP command' },
  { name: 'http-query', title: 'HTTP query' },
  { name: 'projection-rebuild', title: 'Projection rebuild, embedded' },
  { name: 'end-to-end-lag', title: 'End-to-end lag, embedded' },
  { name: 'emmett-peer', title: "Peer: Emmett's SQLite event store" },
  { name: 'query-at-scale', title: 'Query at scale' },
  { name: 'mongo-rebuild', title: 'Projection rebuild into MongoDB' },
  { name: 'kafka-relay', title: 'Relay to Kafka' },
  { name: 'kafka-mongo-lag', title: 'End-to-end lag, Kafka + MongoDB' },
];

const SCENARIO_TIMEOUT_MS = { full: 10 * 60_000, quick: 2 * 60_000 };

interface Options {
  quick: boolean;
  infra: boolean;
  out: string;
  only: string[] | null;
  /** Internal: run this one scenario in this process and report to the parent. */
  scenario: string | null;
}

function parseOptions(argv: string[]): Options {
  const valueOf = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] ?? null : null;
  };
  const only = valueOf('--only');
  return {
    quick: argv.includes('--quick'),
    infra: argv.includes('--infra'),
    out: resolve(valueOf('--out') ?? join(__dirname, '..', '..', 'docs', 'benchmarks.md')),
    only: only ? only.split(',').map((name) => name.trim()) : null,
    scenario: valueOf('--scenario'),
  };
}

interface ChildReport {
  rows: BenchRow[];
  peakRssMb: number;
}

/** A scenario whose module cannot load (a lib it imports is unfinished) is not run, not crashed. */
async function loadScenario(entry: ScenarioEntry): Promise<{ run(context: BenchContext): Promise<BenchRow[]> }> {
  try {
    return (await import(`./scenarios/${entry.name}.bench`)) as { run(context: BenchContext): Promise<BenchRow[]> };
  } catch (error) {
    throw new NotRunError(`its module did not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** Child side: runs one scenario and sends its rows to the parent. */
async function runScenarioHere(entry: ScenarioEntry, options: Options): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), `crm-bench-${entry.name}-`));
  const context: BenchContext = { quick: options.quick, infra: options.infra, workDir };
  let rows: BenchRow[];
  try {
    const module = await loadScenario(entry);
    rows = await module.run(context);
  } catch (error) {
    if (!(error instanceof NotRunError)) throw error;
    rows = [notRun(entry.title, error.message)];
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const report: ChildReport = { rows, peakRssMb: ownPeakRssMb() };
  await new Promise<void>((done) => process.send?.(report, () => done()) ?? done());
}

/** Parent side: forks the child and waits for its report, its crash or its timeout. */
function runScenarioInChild(entry: ScenarioEntry, options: Options): Promise<ScenarioOutcome & { crashed: boolean }> {
  const startedAt = nowMs();
  const number = SCENARIOS.indexOf(entry) + 1;
  const args = ['--scenario', entry.name, ...(options.quick ? ['--quick'] : []), ...(options.infra ? ['--infra'] : [])];
  return new Promise((settle) => {
    const child = fork(__filename, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: ChildReport | null = null;
    const timeout = setTimeout(() => child.kill('SIGKILL'), SCENARIO_TIMEOUT_MS[options.quick ? 'quick' : 'full']);
    child.on('message', (message) => {
      report = message as ChildReport;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timeout);
      const seconds = (nowMs() - startedAt) / 1000;
      if (report && code === 0) {
        settle({ number, title: entry.title, rows: report.rows, peakRssMb: report.peakRssMb, seconds, crashed: false });
        return;
      }
      const reason = signal ? `killed by ${signal}` : `exited with code ${code}`;
      settle({ number, title: entry.title, rows: [notRun(entry.title, `crashed (${reason}; see the log above)`)], seconds, crashed: true });
    });
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.scenario) {
    const entry = SCENARIOS.find((candidate) => candidate.name === options.scenario);
    if (!entry) throw new Error(`Unknown scenario ${options.scenario}`);
    await runScenarioHere(entry, options);
    // Whatever a scenario left open (a hung client, a socket) must not keep its process alive.
    process.exit(0);
  }

  const unknown = (options.only ?? []).filter((name) => !SCENARIOS.some((entry) => entry.name === name));
  if (unknown.length > 0) throw new Error(`Unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((e) => e.name).join(', ')}`);
  const selected = SCENARIOS.filter((entry) => options.only?.includes(entry.name) ?? true);
  const startedAt = new Date().toISOString();
  const outcomes: ScenarioOutcome[] = [];
  let crashes = 0;
  for (const entry of selected) {
    process.stdout.write(`\n▶ ${entry.title} (${entry.name})\n`);
    const { crashed, ...outcome } = await runScenarioInChild(entry, options);
    if (crashed) crashes += 1;
    outcomes.push(outcome);
  }

  const summary = { mode: options.quick ? 'quick' : 'full', startedAt, machine: machineInfo(), outcomes } as const;
  process.stdout.write(`\n${consoleReport(summary)}\n`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, markdownReport(summary));
  process.stdout.write(`\nWrote ${options.out}\n`);
  process.exitCode = crashes > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
