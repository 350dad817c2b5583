import type { FaultRule } from './halo-types';

/** Answers matching requests with an error before rate limit, auth and routing (a gateway fault). */
export class FaultRules {
  private rules: FaultRule[] = [];

  add(rules: readonly FaultRule[]): void {
    for (const rule of rules) {
      if (!Number.isInteger(rule.times) || rule.times < 1)
        throw new Error(`fault times must be an integer ≥ 1: ${rule.times}`);
      if (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599)
        throw new Error(`fault status must be 4xx/5xx: ${rule.status}`);
      if (!rule.pathPrefix.startsWith('/'))
        throw new Error(`fault pathPrefix must start with /: ${rule.pathPrefix}`);
      this.rules.push({ ...rule });
    }
  }

  /** The first live rule matching the request, consumed once; undefined when none applies. */
  take(method: string, path: string): FaultRule | undefined {
    const lowerPath = path.toLowerCase();
    const rule = this.rules.find(
      (r) =>
        r.times > 0 &&
        lowerPath.startsWith(r.pathPrefix.toLowerCase()) &&
        (r.method === undefined || r.method.toUpperCase() === method),
    );
    if (rule === undefined) return undefined;
    rule.times -= 1;
    this.rules = this.rules.filter((r) => r.times > 0);
    return rule;
  }
}
