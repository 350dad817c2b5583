import React, { useState } from 'react';
import { Button, DatePicker, Heading, Inline, Select, SectionMessage, Stack, Text } from '@forge/react';
import type { BackfillAnswer, BackfillView } from '../pipeline/backfill';
import { callResolver, isFailure } from './activity-invoke';
import { useActivityText } from './activity-i18n';
import { fill } from './activity-texts';

interface Status {
  spaces: Array<{ spaceKey: string; progress?: BackfillView }>;
  reconcile?: { lastRunAt?: number; queued: number };
}
type Option = { label: string; value: string };
type Message = { appearance: 'success' | 'warning' | 'error'; text: string };
/** A dry run's answer, waiting for the admin to confirm: the date it counted from goes with it. */
type Pending = { spaceKey: string; total?: number; since?: string };
/** The resolver names the fields it refused (e.g. a date in the future). */
type Answer = BackfillAnswer | { error: string; fields?: Array<{ field: string; message: string }> };
type Texts = ReturnType<typeof useActivityText>;

const count = (n: number) => n.toLocaleString('en-US');

/** One line per space: what its latest backfill did, or is doing. */
export function progressLine(T: Texts, spaceKey: string, p: BackfillView | undefined): string {
  const values = {
    space: spaceKey,
    seen: count(p?.seen ?? 0),
    queued: count(p?.queued ?? 0),
    skipped: count(p?.skipped ?? 0),
    total: count(p?.total ?? 0),
    error: p?.error ?? '',
  };
  if (!p) return fill(T.backfillNone, values);
  if (p.cancelled) return fill(T.backfillCancelled, values);
  if (p.error !== undefined) return fill(T.backfillFailed, values);
  if (p.done) return fill(T.backfillDone, values);
  return fill(p.total === undefined ? T.backfillRunningNoTotal : T.backfillRunning, values);
}

/** A refusal with the fields it names, the date field by its label. */
export function refusalLine(T: Texts, res: Extract<Answer, { error: string }>): string {
  const fields = 'fields' in res ? (res.fields ?? []) : [];
  const named = fields.map((f) => `${f.field === 'since' ? T.backfillSince : f.field}: ${f.message}`);
  return [res.error, ...named].join(' ');
}

/** When the hourly reconcile last ran (UTC, to the minute) and what it found. */
export function reconcileLine(T: Texts, r: { lastRunAt?: number; queued: number }): string {
  if (r.lastRunAt === undefined) return T.reconcileNever;
  const when = `${new Date(r.lastRunAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return fill(T.reconcileLast, { when, queued: count(r.queued) });
}

/**
 * Backfill next to the replay controls of the Activity tab, opened on demand: a space (global
 * settings; space settings backfill their own space), an optional look-back date, Start (a dry run
 * says how many pages would be checked, the admin confirms), and per space the progress of its
 * latest backfill with Cancel while it runs. The resolver checks rights.
 */
export function BackfillPanel({ scope }: { scope: 'global' | 'space' }) {
  const T = useActivityText();
  const [status, setStatus] = useState<Status | { error: string } | undefined>();
  const [space, setSpace] = useState<string | undefined>();
  const [since, setSince] = useState<string | undefined>();
  const [message, setMessage] = useState<Message | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const load = () => void callResolver<Status>('backfillStatus').then(setStatus);
  if (!status) return <Button onClick={load}>{T.backfillOpen}</Button>;
  if (isFailure(status))
    return (
      <SectionMessage appearance="error">
        <Text>{status.error}</Text>
      </SectionMessage>
    );
  const chosen = scope === 'space' ? status.spaces[0]?.spaceKey : space;
  const answered = (spaceKey: string, texts: Record<string, string>, from?: string) => (res: Answer) => {
    if (!('error' in res) && res.status === 'preview') {
      setMessage(undefined);
      setPending({
        spaceKey,
        ...(res.total !== undefined && { total: res.total }),
        ...(from && { since: from }),
      });
      return;
    }
    setPending(undefined);
    setMessage(
      'error' in res
        ? { appearance: 'error', text: refusalLine(T, res) }
        : {
            appearance: res.status === 'running' ? 'warning' : 'success',
            text: fill(texts[res.status] ?? '', { space: spaceKey }),
          },
    );
    load();
  };
  /** First a dry run (what would be checked), then the admin confirms that very count and date. */
  const start = (spaceKey: string, dryRun: boolean, from: string | undefined) =>
    void callResolver<Answer>('startBackfill', {
      spaceKey,
      ...(from && { since: from }),
      ...(dryRun && { dryRun }),
    }).then(answered(spaceKey, { started: T.backfillStarted, running: T.backfillAlready }, from));
  const cancel = (spaceKey: string) =>
    void callResolver<Answer>('cancelBackfill', { spaceKey }).then(
      answered(spaceKey, { cancelled: T.backfillStopped }),
    );
  const options: Option[] = status.spaces.map((s) => ({ label: s.spaceKey, value: s.spaceKey }));
  return (
    <Stack space="space.100">
      <Heading as="h4">{T.backfillHeading}</Heading>
      <Text>{T.backfillHelp}</Text>
      {status.reconcile && <Text>{reconcileLine(T, status.reconcile)}</Text>}
      {message && (
        <SectionMessage appearance={message.appearance}>
          <Text>{message.text}</Text>
        </SectionMessage>
      )}
      {pending && (
        <SectionMessage appearance="information">
          <Text>
            {fill(pending.total === undefined ? T.backfillConfirmNoTotal : T.backfillConfirm, {
              space: pending.spaceKey,
              total: count(pending.total ?? 0),
            })}
          </Text>
          <Inline space="space.100">
            <Button appearance="primary" onClick={() => start(pending.spaceKey, false, pending.since)}>
              {T.backfillConfirmButton}
            </Button>
            <Button onClick={() => setPending(undefined)}>{T.backfillNotNow}</Button>
          </Inline>
        </SectionMessage>
      )}
      {status.spaces.map(({ spaceKey, progress }) => (
        <Inline key={spaceKey} space="space.100" alignBlock="center">
          <Text>{progressLine(T, spaceKey, progress)}</Text>
          {progress && !progress.done && (
            <Button appearance="subtle" onClick={() => cancel(spaceKey)}>
              {fill(T.backfillCancel, { space: spaceKey })}
            </Button>
          )}
        </Inline>
      ))}
      <Inline space="space.100" alignBlock="end" shouldWrap>
        {scope === 'global' && (
          <Select
            name="backfillSpace"
            placeholder={T.backfillSpace}
            options={options}
            value={options.find((o) => o.value === space) ?? null}
            onChange={(o: Option | null) => setSpace(o?.value)}
          />
        )}
        <DatePicker
          name="backfillSince"
          placeholder={T.backfillSince}
          onChange={(d) => setSince(d || undefined)}
        />
        <Button
          appearance="primary"
          isDisabled={!chosen}
          onClick={() => chosen && start(chosen, true, since)}
        >
          {T.backfillStart}
        </Button>
        <Button onClick={load}>{T.backfillRefresh}</Button>
      </Inline>
    </Stack>
  );
}
