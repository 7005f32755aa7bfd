/** Components register a readiness check; `/health` answers 200 only when all pass. */
export type HealthCheck = () => Promise<boolean> | boolean;

export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<{ ok: boolean; checks: Record<string, 'up' | 'down'> }> {
    const checks: Record<string, 'up' | 'down'> = {};
    for (const [name, check] of this.checks) {
      let up = false;
      try {
        up = await check();
      } catch {
        up = false;
      }
      checks[name] = up ? 'up' : 'down';
    }
    const ok = this.checks.size > 0 && Object.values(checks).every((state) => state === 'up');
    return { ok, checks };
  }
}
