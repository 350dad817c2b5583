import React, { useEffect, useState } from 'react';
import {
  Button,
  Heading,
  Inline,
  Select,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import type { ActivityView } from '../entry/activity-operations';
import type { DailyCount } from '../pipeline/activity-chart';
import type { PreviewAnswer } from '../pipeline/preview';
import type { ReplayProgress } from '../pipeline/replay-progress';
import { callResolver, isFailure } from './activity-invoke';
import { DailyChart } from './activity-chart';
import { PreviewPanel } from './activity-preview';
import { BackfillPanel } from './backfill-panel';
import { LogTable } from './activity-table';
import { useActivityText } from './activity-i18n';
import { fill } from './activity-texts';

interface Listed {
  scope: 'global' | 'space';
  targets: Array<{ id: string; name: string }>;
  replays: ReplayProgress[];
  entries: ActivityView[];
  nextCursor?: string;
}
interface Filter {
  targetId?: string;
  status?: string;
  spaceKey?: string;
  pageId?: string;
}
type Option = { label: string; value: string };
type Chart = { days: DailyCount[]; partial?: boolean };
type Message = { appearance: 'success' | 'error'; text: string };

const STATUSES = ['failed', 'delivered', 'skipped', 'retrying', 'attempting', 'rejected'];
const clean = (f: Filter): Filter =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Filter;

/**
 * The Activity tab of the settings pages: the delivery log (filtered, newest first, paged by
 * cursor), Replay of one failure or of all failures of a target, the daily chart (global settings)
 * and the dry-run preview of a page. Rights and the space scope are the resolver's business.
 */
export function ActivityTab() {
  const T = useActivityText();
  const [filter, setFilter] = useState<Filter>({});
  const [draft, setDraft] = useState<Filter>({});
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [listed, setListed] = useState<Listed | { error: string } | undefined>();
  const [chart, setChart] = useState<Chart | undefined>();
  const [message, setMessage] = useState<Message | undefined>();
  const [preview, setPreview] = useState<PreviewAnswer | 'loading' | undefined>();
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    setListed(undefined);
    void callResolver<Listed>('listActivity', { filter, ...(cursor && { cursor }) }).then(setListed);
  }, [filter, cursor]);
  const scope = listed && !isFailure(listed) ? listed.scope : undefined;
  useEffect(() => {
    if (!scope) return;
    void callResolver<Chart>('activityChart', filter.targetId ? { targetId: filter.targetId } : {}).then(
      (res) => setChart(isFailure(res) ? undefined : res),
    );
  }, [scope, filter.targetId]);

  const apply = (next: Filter) => {
    setFilter(clean(next));
    setCursors([undefined]);
  };
  const report = (res: { note: string } | { error: string }) =>
    setMessage(
      'error' in res ? { appearance: 'error', text: res.error } : { appearance: 'success', text: res.note },
    );
  const replay = (key: string) => void callResolver<{ note: string }>('replayDelivery', { key }).then(report);
  const replayAll = (targetId: string) =>
    void callResolver<{ note: string }>('replayFailed', { targetId }).then(report);
  const runPreview = () => {
    setPreview('loading');
    void callResolver<PreviewAnswer>('previewPage', { pageId: draft.pageId ?? '' }).then(setPreview);
  };

  if (!listed) return <Spinner label={T.loading} />;
  if (isFailure(listed))
    return (
      <SectionMessage appearance="error">
        <Text>{listed.error}</Text>
      </SectionMessage>
    );
  const targetName = (id: string) => listed.targets.find((t) => t.id === id)?.name ?? id;
  const targetOptions: Option[] = listed.targets.map((t) => ({ label: t.name, value: t.id }));
  const statusOptions: Option[] = STATUSES.map((s) => ({ label: s, value: s }));
  const chosen = (options: Option[], value?: string) => options.find((o) => o.value === value) ?? null;
  return (
    <Stack space="space.200">
      <Heading as="h3">{T.heading}</Heading>
      {message && (
        <SectionMessage appearance={message.appearance}>
          <Text>{message.text}</Text>
        </SectionMessage>
      )}
      {listed.replays.map((r) => (
        <Text key={r.targetId}>
          {fill(r.done ? T.replayDone : T.replayRunning, { name: targetName(r.targetId), queued: r.queued })}
        </Text>
      ))}
      {chart && <DailyChart days={chart.days} />}
      {chart?.partial && <Text>{T.chartPartial}</Text>}
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <Select
          name="target"
          placeholder={T.allTargets}
          isClearable
          options={targetOptions}
          value={chosen(targetOptions, filter.targetId)}
          onChange={(o: Option | null) => apply({ ...draft, targetId: o?.value })}
        />
        <Select
          name="status"
          placeholder={T.allStatuses}
          isClearable
          options={statusOptions}
          value={chosen(statusOptions, filter.status)}
          onChange={(o: Option | null) => apply({ ...draft, status: o?.value })}
        />
        {listed.scope === 'global' && (
          <Textfield
            name="spaceKey"
            placeholder={T.filterSpace}
            onChange={(e) => setDraft({ ...draft, spaceKey: String(e.target.value ?? '') })}
          />
        )}
        <Textfield
          name="pageId"
          placeholder={T.filterPage}
          onChange={(e) => setDraft({ ...draft, pageId: String(e.target.value ?? '') })}
        />
        <Button onClick={() => apply({ ...filter, spaceKey: draft.spaceKey, pageId: draft.pageId })}>
          {T.apply}
        </Button>
        <Button isDisabled={!draft.pageId} onClick={runPreview}>
          {T.previewButton}
        </Button>
      </Inline>
      {filter.targetId && (
        <Button appearance="warning" onClick={() => replayAll(filter.targetId!)}>
          {fill(T.replayAll, { name: targetName(filter.targetId) })}
        </Button>
      )}
      <BackfillPanel scope={listed.scope} />
      <LogTable entries={listed.entries} targetName={targetName} onReplay={replay} />
      <Inline space="space.100">
        <Button isDisabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          {T.newer}
        </Button>
        <Button isDisabled={!listed.nextCursor} onClick={() => setCursors([...cursors, listed.nextCursor])}>
          {T.older}
        </Button>
      </Inline>
      <Heading as="h4">{T.previewHeading}</Heading>
      <Text>{T.previewHelp}</Text>
      {preview === 'loading' && <Spinner label={T.previewButton} />}
      {preview && preview !== 'loading' && isFailure(preview) && (
        <SectionMessage appearance="error">
          <Text>{preview.error}</Text>
        </SectionMessage>
      )}
      {preview && preview !== 'loading' && !isFailure(preview) && <PreviewPanel preview={preview} />}
    </Stack>
  );
}
