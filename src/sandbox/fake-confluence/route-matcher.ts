import { RouteMatcher as Matcher, type RouteMatch as Match } from '../http/route-matcher';
import type { Route } from './route-types';

export type RouteMatch = Match<Route>;

/** Confluence's routing: exact, case-sensitive paths. */
export class RouteMatcher extends Matcher<Route> {
  constructor(routes: readonly Route[]) {
    super(routes);
  }
}
