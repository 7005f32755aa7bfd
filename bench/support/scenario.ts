/** What every scenario is given: the run's mode and a private scratch directory. */
export interface BenchContext {
  /** Smoke run: tiny sizes, only shows the suite still works. */
  quick: boolean;
  /** Kafka / MongoDB rows were asked for. */
  infra: boolean;
  /** Deleted after the scenario. */
  workDir: string;
}

/** One side of a comparison. `value` is what the ratio and the target are computed from. */
export interface Measurement {
  value: number;
  unit: string;
  /** What was measured, e.g. "createSqliteEventStore, 64 callers". */
  label: string;
  p50Ms?: number;
  p99Ms?: number;
  /** Peak RSS of a server process measured apart from the bench process (MiB). */
  serverPeakRssMb?: number;
}

/** Bounds on `ours / baseline` and on our own value; every bound given must hold. */
export interface Target {
  minRatio?: number;
  maxRatio?: number;
  minValue?: number;
  maxValue?: number;
}

export interface MeasuredRow {
  kind: 'measured';
  name: string;
  ours: Measurement;
  baseline: Measurement | null;
  target: Target;
  /** Sizes and anything a reader needs to interpret the figures. */
  notes: string[];
  /** Conditions of the target the run itself broke (e.g. the offered rate was not sustained). */
  unmet?: string[];
}

export interface SkippedRow {
  kind: 'not-run';
  name: string;
  reason: string;
}

export type BenchRow = MeasuredRow | SkippedRow;

/** Thrown when something the scenario needs is missing: reported as "not run", never as a failure. */
export class NotRunError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotRunError';
  }
}

export const notRun = (name: string, reason: string): SkippedRow => ({ kind: 'not-run', name, reason });
