// triggers
export { onConfluenceEvent } from './entry/on-confluence-event';
// queue consumers
export { deliver } from './entry/deliver';
// resolvers
export { adminResolver } from './entry/admin-resolver';
export { bylineResolver } from './entry/byline-resolver';
