import type { Fact, PageFacts } from '../domain/eligibility';
import { planDeliveries, type PlanInput, type Planned } from '../domain/plan';
import { rulesFor } from '../domain/selection';
import type { PageSnapshot } from '../domain/snapshots';
import type { ConfluenceClient } from './confluence/confluence-client';
import { ExpectedError } from './errors';

export interface FactsInput extends Omit<PlanInput, 'facts'> {
  page: PageSnapshot | undefined;
  confluence: ConfluenceClient;
}

/**
 * Plans with what the page fetch gave, then fetches only the facts some rule still depends on
 * (content state, ancestors, restrictions) and plans again. Expected errors become facts that fail
 * closed ("could not be verified"); retryable ones propagate so the job is retried.
 */
export async function planWithFacts(input: FactsInput): Promise<Planned[]> {
  let facts: PageFacts | undefined = input.page && { status: input.page.status, labels: input.page.labels };
  const restrictionsMatter = input.settings.targets.some((t) =>
    rulesFor(t, input.spaceKey, input.settings).some((r) => !r.pushRestricted),
  );
  for (let round = 0; round < 4; round++) {
    const plan = planDeliveries({ ...input, facts });
    if (plan.kind === 'plan') return plan.planned;
    if (!facts || !input.page) throw new Error('a plan without a page asked for facts');
    facts = await fetchFacts(input.confluence, input.page.id, facts, plan.facts, restrictionsMatter);
  }
  throw new Error('the plan kept asking for facts');
}

async function fetchFacts(
  confluence: ConfluenceClient,
  pageId: string,
  facts: PageFacts,
  needs: Fact[],
  restrictionsMatter: boolean,
): Promise<PageFacts> {
  const next = { ...facts };
  if (needs.includes('ancestors') || needs.includes('restrictions')) {
    // Ancestors come with the restriction check in one request; fetch both when either may matter.
    const withRestrictions = needs.includes('restrictions') || restrictionsMatter;
    try {
      const context = await confluence.pageContext(pageId, withRestrictions);
      next.ancestors = context.ancestors;
      if (withRestrictions) next.restriction = context.restriction ?? { restricted: false };
    } catch (error) {
      if (!(error instanceof ExpectedError)) throw error;
      next.ancestors = { error: error.message };
      next.restriction = { error: error.message };
    }
  }
  if (needs.includes('state')) {
    try {
      // Relies on a status change creating a new version and so an updated:page event (UNVERIFIED,
      // reference/forge.md §1); the scheduled reconciliation catches it otherwise.
      next.state = await confluence.getContentState(pageId);
    } catch (error) {
      if (!(error instanceof ExpectedError)) throw error;
      next.state = { error: error.message };
    }
  }
  return next;
}
