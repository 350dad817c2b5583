// triggers
export { onConfluenceEvent } from './entry/on-confluence-event';
// scheduled triggers
export { lineSweep } from './entry/line-sweep';
export { reconcile } from './entry/reconcile';
// queue consumers
export { deliver } from './entry/deliver';
// resolvers
export { adminResolver } from './entry/admin-resolver';
export { bylineResolver } from './entry/byline-resolver';
