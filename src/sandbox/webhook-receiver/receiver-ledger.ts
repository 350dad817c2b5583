import type { PageState } from './receiver-types';
import type { WebhookPayload } from './webhook-payload';

/**
 * What the receiving system holds: per-page state, the webhook-ids already accepted (idempotency
 * key), the first body seen per id, and the violations of the sender's contract.
 */
export class ReceiverLedger {
  readonly pages = new Map<string, PageState>();
  readonly violations: string[] = [];
  private readonly accepted = new Set<string>();
  private readonly firstBody = new Map<string, string>();

  violation(message: string): void {
    this.violations.push(message);
  }

  isAccepted(id: string): boolean {
    return this.accepted.has(id);
  }

  /** Records the body of a verified request; the same id with another body is a violation. */
  checkBody(id: string, body: string): void {
    const first = this.firstBody.get(id);
    if (first === undefined) this.firstBody.set(id, body);
    else if (first !== body) this.violation(`${id}: same webhook-id delivered with a different body`);
  }

  /** Applies an accepted message; true when it changed page state. */
  apply(id: string, payload: WebhookPayload): boolean {
    this.accepted.add(id);
    const { type, data } = payload;
    if (type !== 'page.created' && type !== 'page.updated' && type !== 'page.removed') return false;
    const stored = this.pages.get(data.pageId);
    if (type !== 'page.removed' && stored !== undefined && (data.version ?? 0) < stored.version) {
      this.violation(
        `${id}: older version delivered after newer for page ${data.pageId} (${data.version ?? '?'} after ${stored.version})`,
      );
    }
    this.pages.set(data.pageId, {
      present: type !== 'page.removed',
      version:
        type === 'page.removed' ? Math.max(stored?.version ?? 0, data.version ?? 0) : (data.version ?? 0),
      title: data.title ?? stored?.title ?? '',
      labels: data.labels ?? stored?.labels ?? [],
      lastMessageId: id,
      lastType: type,
    });
    return true;
  }
}
