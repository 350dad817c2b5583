import { decideClaim, settleRow, type LedgerRow, type Want } from '../../../src/domain/ledger';

const ids = { contentId: '42', targetId: 'hooks', token: 'tok-b' };
const upsert = (version: number, digest = `d${version}`, fetchedAt = 1000): Want => ({
  action: 'upsert',
  version,
  digest,
  fetchedAt,
});

function delivered(version: number, extra: Partial<LedgerRow> = {}): LedgerRow {
  return {
    contentId: '42',
    targetId: 'hooks',
    version,
    digest: `d${version}`,
    fetchedAt: 500,
    status: 'synced',
    rev: 3,
    claimToken: '',
    claimVersion: 0,
    claimUntil: 0,
    updatedAt: 500,
    ...extra,
  };
}

describe('decideClaim', () => {
  it('claims a new row only if it still does not exist', () => {
    const d = decideClaim(undefined, upsert(5), ids, 1000);
    expect(d.kind).toBe('claim');
    if (d.kind !== 'claim') return;
    expect(d.conditions.items).toEqual([{ field: 'rev', condition: { op: 'notExists' } }]);
    expect(d.row).toMatchObject({ claimToken: 'tok-b', claimVersion: 5, rev: 1 });
  });

  it('claims an existing row with compare-and-set on rev', () => {
    const d = decideClaim(delivered(5), upsert(6), ids, 1000);
    expect(d.kind === 'claim' && d.conditions.items).toEqual([
      { field: 'rev', condition: { op: 'equalTo', value: 3 } },
    ]);
  });

  it('never delivers an older or equal version over a newer one', () => {
    expect(decideClaim(delivered(6), upsert(5), ids, 1000)).toEqual({
      kind: 'skip',
      reason: 'version 6 was already delivered; 5 is older',
    });
    expect(decideClaim(delivered(6), upsert(6), ids, 1000)).toEqual({
      kind: 'skip',
      reason: 'version 6 was already delivered',
    });
  });

  it('delivers a changed state at the same version only if it was fetched later', () => {
    expect(decideClaim(delivered(6), upsert(6, 'labels-changed', 900), ids, 1000).kind).toBe('claim');
    expect(decideClaim(delivered(6), upsert(6, 'labels-changed', 400), ids, 1000).kind).toBe('skip');
  });

  it('waits for a live claim on an older or equal version and skips when superseded', () => {
    const claimedBy5 = delivered(4, { claimToken: 'tok-a', claimVersion: 5, claimUntil: 2000 });
    expect(decideClaim(claimedBy5, upsert(6), ids, 1000)).toMatchObject({ kind: 'wait', untilMs: 2000 });
    const claimedBy7 = delivered(4, { claimToken: 'tok-a', claimVersion: 7, claimUntil: 2000 });
    expect(decideClaim(claimedBy7, upsert(6), ids, 1000).kind).toBe('skip');
    expect(decideClaim(claimedBy5, upsert(6), ids, 2001).kind).toBe('claim');
  });

  it('removes only what was delivered, once', () => {
    const remove: Want = { action: 'remove', version: 6, digest: 'removed:x', fetchedAt: 900 };
    expect(decideClaim(undefined, remove, ids, 1000)).toEqual({
      kind: 'skip',
      reason: 'never delivered to this target',
    });
    expect(decideClaim(delivered(6), remove, ids, 1000).kind).toBe('claim');
    expect(
      decideClaim(
        delivered(6, { status: 'removed', digest: 'removed:x', fetchedAt: 900 }),
        { ...remove, fetchedAt: 950 },
        ids,
        1000,
      ),
    ).toEqual({
      kind: 'skip',
      reason: 'already removed at the target',
    });
  });

  it('retries a failed delivery of a newer version', () => {
    expect(decideClaim(delivered(5, { status: 'failed', lastError: '503' }), upsert(6), ids, 1000).kind).toBe(
      'claim',
    );
  });
});

describe('settleRow', () => {
  it('marks a row that never reached the target as failed', () => {
    const claimed = { ...delivered(0, { digest: '', status: 'failed' }), claimToken: 'tok-b' };
    expect(settleRow(claimed, upsert(1), { ok: false, error: 'x' }, 1200).status).toBe('failed');
  });

  it('records the delivered state and releases the claim', () => {
    const claimed = delivered(5, { claimToken: 'tok-b', claimVersion: 6, claimUntil: 9999, rev: 4 });
    const row = settleRow(
      claimed,
      upsert(6),
      { ok: true, status: 'synced', remoteId: 'r-1', deliveryId: 'msg_1' },
      1200,
    );
    expect(row).toMatchObject({
      version: 6,
      digest: 'd6',
      status: 'synced',
      remoteId: 'r-1',
      claimToken: '',
      rev: 5,
    });
  });

  it('keeps the last delivered state on failure', () => {
    const claimed = delivered(5, { claimToken: 'tok-b', claimVersion: 6, claimUntil: 9999, rev: 4 });
    const row = settleRow(claimed, upsert(6), { ok: false, error: 'receiver answered 503' }, 1200);
    // Still synced: the target holds version 5, and a page that leaves must still be removed.
    expect(row).toMatchObject({
      version: 5,
      digest: 'd5',
      status: 'synced',
      lastError: 'receiver answered 503',
      claimToken: '',
    });
  });
});
