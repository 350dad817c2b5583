import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../ports/clock';
import { DeliveryHandler } from './delivery-handler';
import type { IncomingDelivery, Outcome } from './delivery-handler';
import { FaultSchedule } from './fault-schedule';
import { ReceiverLedger } from './receiver-ledger';
import type { ReceivedMessage, WebhookReceiver, WebhookReceiverOptions } from './receiver-types';
import { SignatureVerifier } from './signature-verifier';

export type {
  FaultStep,
  PageState,
  ReceivedMessage,
  WebhookReceiver,
  WebhookReceiverOptions,
} from './receiver-types';

async function readDelivery(req: IncomingMessage): Promise<IncomingDelivery> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(' ') : value;
  };
  return {
    method: req.method ?? '',
    path: req.url ?? '/',
    header,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function newRecord(req: IncomingDelivery, clock: Clock, ledger: ReceiverLedger): ReceivedMessage {
  const id = req.header('webhook-id') ?? null;
  const timestamp = req.header('webhook-timestamp');
  return {
    id,
    timestamp: timestamp !== undefined && /^[0-9]+$/.test(timestamp) ? Number(timestamp) : null,
    type: null,
    pageId: null,
    version: null,
    verified: false,
    status: null,
    receivedAt: clock.now(),
    duplicate: id !== null && ledger.isAccepted(id),
    applied: false,
    method: req.method,
    path: req.path,
    body: req.body,
  };
}

function send(res: ServerResponse, outcome: Extract<Outcome, { kind: 'reply' }>): void {
  res.writeHead(outcome.status, { 'Content-Type': 'application/json', ...outcome.headers });
  res.end(JSON.stringify(outcome.body));
}

/**
 * A loopback Standard Webhooks endpoint that checks what the sender does: signatures (computed with
 * the spec's library), timestamps on the injected clock, idempotency by webhook-id, version order.
 * Any path is accepted. A `hang` fault holds the socket until the client aborts (or close()).
 */
export async function startWebhookReceiver(opts: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const faults = new FaultSchedule(opts.faults);
  const ledger = new ReceiverLedger();
  const verifier = new SignatureVerifier(opts.secrets, opts.clock, opts.toleranceSeconds ?? 300);
  const handler = new DeliveryHandler(opts.clock, verifier, faults, ledger);
  const messages: ReceivedMessage[] = [];

  const server = createServer((req, res) => {
    readDelivery(req)
      .then((delivery) => {
        const record = newRecord(delivery, opts.clock, ledger);
        messages.push(record);
        const outcome = handler.handle(delivery, record);
        if (outcome.kind === 'hang') return;
        record.status = outcome.status;
        send(res, outcome);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        ledger.violation(`receiver failed: ${message}`);
        if (!res.headersSent)
          send(res, { kind: 'reply', status: 500, body: { error: message }, headers: {} });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('webhook receiver did not bind a TCP port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
    messages: () => messages.map((m) => ({ ...m })),
    state: () =>
      Object.fromEntries([...ledger.pages].map(([pageId, s]) => [pageId, { ...s, labels: [...s.labels] }])),
    violations: () => [...ledger.violations],
    setFaults: (steps) => faults.replace(steps),
  };
}
