import type { MeasuredRow, Target } from './scenario';

export const ratioOf = (row: MeasuredRow): number | null => (row.baseline ? row.ours.value / row.baseline.value : null);

/** Whether every bound of the target holds; a ratio bound with no baseline cannot hold, nor a run that broke a condition. */
export function meetsTarget(row: MeasuredRow): boolean {
  const { minRatio, maxRatio, minValue, maxValue } = row.target;
  if (row.unmet && row.unmet.length > 0) return false;
  const ratio = ratioOf(row);
  const ratioBounded = minRatio !== undefined || maxRatio !== undefined;
  if (ratioBounded && (ratio === null || !Number.isFinite(ratio))) return false;
  return (
    (minRatio === undefined || (ratio as number) >= minRatio) &&
    (maxRatio === undefined || (ratio as number) <= maxRatio) &&
    (minValue === undefined || row.ours.value >= minValue) &&
    (maxValue === undefined || row.ours.value <= maxValue)
  );
}

export function describeTarget(target: Target, unit: string): string {
  const parts = [
    target.minRatio !== undefined && `ratio ≥ ${target.minRatio}`,
    target.maxRatio !== undefined && `ratio ≤ ${target.maxRatio}`,
    target.minValue !== undefined && `≥ ${formatNumber(target.minValue)} ${unit}`,
    target.maxValue !== undefined && `≤ ${formatNumber(target.maxValue)} ${unit}`,
  ];
  return parts.filter(Boolean).join(' and ');
}

/** Three significant figures, thousands grouped: 123 456, 12.3, 0.123. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
