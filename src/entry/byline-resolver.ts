import Resolver from '@forge/resolver';
import { ForgeConfluenceApi } from '../platform/forge/forge-confluence-api';
import { createForgePlatform } from '../platform/forge/forge-platform';
import { defineBylineOperations } from './byline-operations';

/** Resolver of the `confluence:contentBylineItem` module (src/frontend/byline.tsx). */
const resolver = defineBylineOperations(new Resolver(), {
  platform: () => createForgePlatform(),
  asUser: () => ForgeConfluenceApi.forUser(),
});

export const bylineResolver = resolver.getDefinitions();
