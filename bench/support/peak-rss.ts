import { readFileSync } from 'node:fs';

const KIB_PER_MIB = 1024;

/** Peak resident set size of this process so far, in MiB (`maxRSS` is in KiB). */
export const ownPeakRssMb = (): number => process.resourceUsage().maxRSS / KIB_PER_MIB;

/** Peak RSS of another live process (Linux `VmHWM`), or undefined where /proc does not tell. */
export function processPeakRssMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / KIB_PER_MIB : undefined;
  } catch {
    return undefined;
  }
}
