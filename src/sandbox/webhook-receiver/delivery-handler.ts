import type { Clock } from '../../ports/clock';
import type { FaultSchedule } from './fault-schedule';
import type { ReceiverLedger } from './receiver-ledger';
import type { ReceivedMessage } from './receiver-types';
import type { SignatureVerifier, Verification } from './signature-verifier';
import { WebhookPayload, missingFields } from './webhook-payload';

export interface IncomingDelivery {
  method: string;
  path: string;
  header(name: string): string | undefined;
  body: string;
}

export type Outcome =
  { kind: 'hang' } | { kind: 'reply'; status: number; body: unknown; headers: Record<string, string> };

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Outcome {
  return { kind: 'reply', status, body, headers };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Why a body is not an acceptable payload; empty when it is. */
function bodyProblems(json: unknown, parsed: ReturnType<typeof WebhookPayload.safeParse>): string[] {
  if (json === undefined) return ['body is not JSON'];
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  return missingFields(parsed.data).map((field) => `missing ${field}`);
}

/**
 * Decides the answer to one delivery and records it: fault schedule first (the endpoint is down
 * whatever the request), then method, signature (401), body (400), idempotency, application.
 * Unverified requests are violations even when a fault answered them.
 */
export class DeliveryHandler {
  constructor(
    private readonly clock: Clock,
    private readonly verifier: SignatureVerifier,
    private readonly faults: FaultSchedule,
    private readonly ledger: ReceiverLedger,
  ) {}

  handle(req: IncomingDelivery, record: ReceivedMessage): Outcome {
    const label = record.id ?? '(no webhook-id)';
    const check = this.verify(req, record);
    if (!check.ok) this.ledger.violation(`${label}: unverified request: ${check.reason}`);
    const json = parseJson(req.body);
    const parsed = WebhookPayload.safeParse(json);
    const problems = bodyProblems(json, parsed);
    if (parsed.success) {
      record.type = parsed.data.type;
      record.pageId = parsed.data.data.pageId;
      record.version = parsed.data.data.version ?? null;
    }
    const fault = this.faults.next(this.clock.now());
    if (fault?.kind === 'hang') return fault;
    if (fault !== undefined) {
      const retry: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) retry['Retry-After'] = String(fault.retryAfterSeconds);
      return reply(fault.status, { error: 'injected fault' }, retry);
    }
    if (req.method !== 'POST') {
      this.ledger.violation(`${label}: webhook sent with method ${req.method}`);
      return reply(405, { error: 'POST only' }, { Allow: 'POST' });
    }
    if (!check.ok || record.id === null)
      return reply(401, { error: check.ok ? 'missing webhook-id' : check.reason });
    this.ledger.checkBody(record.id, req.body);
    if (!(req.header('content-type') ?? '').startsWith('application/json')) {
      this.ledger.violation(`${label}: content-type is not application/json`);
    }
    if (!parsed.success || problems.length > 0) {
      this.ledger.violation(`${label}: bad body: ${problems.join('; ')}`);
      return reply(400, { error: problems.join('; ') });
    }
    if (record.duplicate) return reply(200, { ok: true, duplicate: true });
    record.applied = this.ledger.apply(record.id, parsed.data);
    return reply(200, { ok: true });
  }

  private verify(req: IncomingDelivery, record: ReceivedMessage): Verification {
    const check = this.verifier.verify(
      {
        id: record.id ?? undefined,
        timestamp: req.header('webhook-timestamp'),
        signature: req.header('webhook-signature'),
      },
      req.body,
    );
    record.verified = check.ok;
    return check;
  }
}
