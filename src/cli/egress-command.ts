import { readFileSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { parseEgressAddress } from '../domain/egress';

const USAGE = 'usage: npm run egress -- list | add URL [URL…] | remove URL [URL…]';

function backendList(doc: Document): ReturnType<Document['getIn']> {
  const list = doc.getIn(['permissions', 'external', 'fetch', 'backend'], true);
  if (!isSeq(list)) throw new Error('manifest.yml has no permissions.external.fetch.backend list');
  return list;
}

function addresses(doc: Document): string[] {
  const list = backendList(doc);
  if (!isSeq(list)) return [];
  return list.items.map((item) => (isMap(item) ? String(item.get('address')) : String(item)));
}

/**
 * `relay egress`: rewrites manifest.yml's egress list for a private deployment, for hosts that
 * cannot be known in advance (self-hosted Halo or Bitrix24, webhook receivers). Then run
 * `forge deploy`; admins approve the new egress on upgrade.
 */
export function egressCommand(args: string[], manifestPath = 'manifest.yml'): number {
  const [action, ...urls] = args;
  const doc = parseDocument(readFileSync(manifestPath, 'utf8'));
  if (action === 'list') {
    for (const address of addresses(doc)) console.log(address);
    return 0;
  }
  if ((action !== 'add' && action !== 'remove') || urls.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const parsed = urls.map(parseEgressAddress);
  const bad = parsed.filter((p) => !p.ok);
  for (const p of bad) if (!p.ok) console.error(p.error);
  if (bad.length > 0) return 2;
  const wanted = parsed.flatMap((p) => (p.ok ? [p.address] : []));
  const list = backendList(doc);
  if (!isSeq(list)) return 2;
  const present = addresses(doc);
  for (const address of wanted) {
    const index = present.indexOf(address);
    if (action === 'add' && index < 0) list.add(doc.createNode({ address }));
    if (action === 'remove' && index >= 0) list.items.splice(present.indexOf(address), 1);
    console.log(
      `${action === 'add' ? (index < 0 ? 'added' : 'already present') : index >= 0 ? 'removed' : 'not present'}: ${address}`,
    );
    present.splice(0, present.length, ...addresses(doc));
  }
  writeFileSync(manifestPath, doc.toString({ lineWidth: 0 }));
  return 0;
}
