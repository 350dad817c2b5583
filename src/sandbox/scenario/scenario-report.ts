import type { DeliveryRecord } from '../../domain/delivery-record';
import type { ScenarioResult } from './run-scenario';

/** Per event and target: the final action and result, how many attempts, the latency. */
export function eventRows(result: ScenarioResult): string[] {
  const lines: string[] = [];
  for (const step of result.steps) {
    if (!step.event) continue;
    lines.push(
      `#${step.index} ${step.event} page ${step.pageId ?? '?'}${step.note ? ` (${step.note})` : ''}`,
    );
    const byTarget = new Map<string, DeliveryRecord[]>();
    for (const d of result.deliveries.filter((r) => r.trace === step.trace)) {
      byTarget.set(d.targetId, [...(byTarget.get(d.targetId) ?? []), d]);
    }
    if (byTarget.size === 0) lines.push('    no target involved');
    for (const [targetId, records] of byTarget) {
      const final = (r: DeliveryRecord) => (r.status === 'delivered' || r.status === 'failed' ? 0 : 1);
      const last = [...records].sort((a, b) => final(a) - final(b) || b.at - a.at)[0]!;
      const attempts = records.filter((r) => r.latencyMs !== undefined).length;
      const latency = records.reduce((sum, r) => sum + (r.latencyMs ?? 0), 0);
      const reason = last.reason ? ` — ${last.reason}` : '';
      lines.push(
        `    ${targetId.padEnd(12)} ${last.action.padEnd(7)} ${last.status.padEnd(9)} attempts ${attempts}  latency ${latency} ms${reason}`,
      );
    }
  }
  return lines;
}

export function summaryLines(result: ScenarioResult): string[] {
  const count = (status: string) => result.deliveries.filter((d) => d.status === status).length;
  const events = result.steps.filter((s) => s.event).length;
  const lines = [
    `Summary: ${events} events, ${count('delivered')} delivered, ${count('skipped')} skipped, ${count('retrying')} retries, ${count('failed')} failed, ${count('rejected')} rejected`,
    `Confluence REST calls: ${result.stats.confluenceRequests}; virtual time ${(result.stats.virtualMs / 1000).toFixed(0)} s; wall time ${result.stats.wallMs} ms`,
  ];
  for (const [id, t] of Object.entries(result.targets)) {
    const present = Object.values(t.pages).filter((p) => p.present).length;
    const told =
      t.tasks === undefined
        ? `${present} page(s) present`
        : `${Object.values(t.tasks).reduce((a, b) => a + b, 0)} task message(s), ${Object.values(t.chats ?? {}).reduce((a, b) => a + b, 0)} chat message(s), ${t.people ?? 0} personal`;
    lines.push(
      `Target ${id}: ${t.enabled ? 'enabled' : 'disabled'}, ${told}, ${t.messages} request(s) received`,
    );
  }
  for (const v of result.violations) lines.push(`VIOLATION ${v}`);
  for (const m of result.mismatches) lines.push(`MISMATCH ${m}`);
  lines.push(
    result.mismatches.length + result.violations.length === 0
      ? 'Result: every target matches the expected state.'
      : 'Result: FAILED',
  );
  return lines;
}
