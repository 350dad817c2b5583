import React from 'react';
import { Button, DynamicTable, Lozenge, Text } from '@forge/react';
import type { ActivityView } from '../entry/activity-operations';
import { useActivityText } from './activity-i18n';

type Appearance = 'success' | 'removed' | 'inprogress' | 'moved' | 'default';

const APPEARANCE: Record<string, Appearance> = {
  delivered: 'success',
  failed: 'removed',
  rejected: 'removed',
  retrying: 'moved',
  attempting: 'inprogress',
  skipped: 'default',
};

/** The log lines of one page of the Activity tab; failed deliveries carry Replay. */
export function LogTable(props: {
  entries: ActivityView[];
  targetName: (id: string) => string;
  onReplay: (key: string) => void;
}) {
  const T = useActivityText();
  const head = {
    cells: [T.when, T.target, T.page, T.space, T.event, T.status, T.reason, T.action].map((content, i) => ({
      key: `h${i}`,
      content,
    })),
  };
  const rows = props.entries.map((e) => ({
    key: e.key,
    cells: [
      { key: 'at', content: new Date(e.at).toISOString().replace('T', ' ').slice(0, 19) },
      { key: 'target', content: props.targetName(e.targetId) },
      { key: 'page', content: `${e.pageId} v${e.version}` },
      { key: 'space', content: e.spaceKey },
      { key: 'event', content: `${e.event} (${e.action})` },
      {
        key: 'status',
        content: <Lozenge appearance={APPEARANCE[e.status] ?? 'default'}>{e.status}</Lozenge>,
      },
      { key: 'reason', content: <Text>{[e.httpStatus, e.reason].filter(Boolean).join(' ')}</Text> },
      {
        key: 'action',
        content: e.replayable ? <Button onClick={() => props.onReplay(e.key)}>{T.replay}</Button> : '',
      },
    ],
  }));
  return <DynamicTable caption={T.heading} head={head} rows={rows} emptyView={<Text>{T.empty}</Text>} />;
}
