export interface FaultRule {
  /** Any method when omitted. */
  method?: string;
  pathPrefix: string;
  status: number;
  retryAfterSeconds?: number;
  /** How many matching requests get this answer. */
  times: number;
}

/** Answers matching requests with an error status before auth and routing (a gateway fault). */
export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rules: readonly FaultRule[]): void {
    for (const rule of rules) {
      if (!Number.isInteger(rule.times) || rule.times < 1)
        throw new Error(`fault times must be ≥ 1: ${rule.times}`);
      if (rule.status < 400 || rule.status > 599)
        throw new Error(`fault status must be 4xx/5xx: ${rule.status}`);
      this.rules.push({ ...rule });
    }
  }

  /** The first live rule matching the request, consumed once; undefined when none applies. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        r.times > 0 &&
        path.startsWith(r.pathPrefix) &&
        (r.method === undefined || r.method.toUpperCase() === method),
    );
    if (rule === undefined) return undefined;
    rule.times -= 1;
    this.rules = this.rules.filter((r) => r.times > 0);
    return rule;
  }
}
