import type { ConfluenceApi } from '../ports/confluence-api';
import type { Http } from '../ports/http';

/** Forge allows 100 network calls per invocation; keep a margin for the last writes. */
export const FETCH_BUDGET = 90;
/** Calls one target delivery may need (target call, egress check, a Confluence lookup). */
export const CALLS_PER_TARGET = 4;
/**
 * Calls one whole delivery of a job may need: the page (with its labels), its restrictions and
 * ancestors' where checked, an author lookup, and the target's calls.
 */
export const CALLS_PER_DELIVERY = 6;

/**
 * Counts the network calls of one invocation and knows its deadline, so that work which would
 * exceed the fetch budget or the function's timeout is checkpointed into a new job instead.
 */
export class InvocationBudget {
  calls = 0;
  confluenceCalls = 0;
  readonly controller = new AbortController();

  constructor(
    readonly deadlineMs: number,
    private readonly now: () => number,
    private readonly fetchBudget = FETCH_BUDGET,
  ) {}

  wrapConfluence(api: ConfluenceApi): ConfluenceApi {
    return {
      request: (path, init) => {
        this.calls++;
        this.confluenceCalls++;
        return api.request(path, init);
      },
    };
  }

  wrapHttp(http: Http): Http {
    return {
      fetch: (request) => {
        this.calls++;
        return http.fetch(request);
      },
      egressAllowed: http.egressAllowed?.bind(http),
    };
  }

  /**
   * Whether another job's delivery (its page read afresh, one target) fits in what is left, with
   * `inFlight` others still running.
   */
  roomForDelivery(inFlight = 0): boolean {
    return (
      this.calls + CALLS_PER_DELIVERY * (inFlight + 1) <= this.fetchBudget && this.now() < this.deadlineMs
    );
  }

  /** Whether another target fits in what is left of calls and time. */
  roomForTarget(): boolean {
    return this.calls + CALLS_PER_TARGET <= this.fetchBudget && this.now() < this.deadlineMs;
  }
}
