import { RouteMatcher as Matcher, type RouteMatch as Match } from '../http/route-matcher';
import type { Route } from './route-types';

export type RouteMatch = Match<Route>;

/** Halo's ASP.NET routing: case-insensitive (HAPI posts to `api/kbarticle`), trailing slash ok. */
export class RouteMatcher extends Matcher<Route> {
  constructor(routes: readonly Route[]) {
    super(routes, { lenientPaths: true });
  }
}
