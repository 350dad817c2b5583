import React, { useEffect, useState } from 'react';
import { Button, Heading, Link, Lozenge, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { PageState, PageTargetStatus } from '../pipeline/page-status';
import type { PreviewAnswer } from '../pipeline/preview';
import { callResolver, isFailure } from './activity-invoke';
import { PreviewPanel } from './activity-preview';
import { useBylineText } from './activity-i18n';
import { fill } from './activity-texts';

type Status =
  { visible: false } | { visible: true; version: number; canPush: boolean; targets: PageTargetStatus[] };
type Appearance = 'success' | 'removed' | 'inprogress' | 'moved' | 'default';

const APPEARANCE: Record<PageState, Appearance> = {
  synced: 'success',
  behind: 'moved',
  failed: 'removed',
  skipped: 'default',
  blocked: 'removed',
  pending: 'inprogress',
  removed: 'default',
};

/**
 * The page byline's panel: where the page went and its status per target, "Push now" for those who
 * may edit it, and the preview. Shows nothing to a viewer the resolver refuses.
 */
export function BylineApp() {
  const T = useBylineText();
  const [status, setStatus] = useState<Status | { error: string } | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [preview, setPreview] = useState<PreviewAnswer | 'loading' | undefined>();
  useEffect(() => {
    void callResolver<Status>('getPageStatus').then(setStatus);
  }, []);
  const pushNow = () =>
    void callResolver<{ queued: true }>('pushNow').then((res) =>
      setMessage(isFailure(res) ? res.error : T.pushed),
    );
  const showPreview = () => {
    setPreview('loading');
    void callResolver<PreviewAnswer>('previewThisPage').then(setPreview);
  };

  if (!status) return <Spinner label={T.loading} />;
  if (isFailure(status) || !status.visible) return null;
  return (
    <Stack space="space.150">
      <Heading as="h4">{T.heading}</Heading>
      {status.targets.length === 0 && <Text>{T.none}</Text>}
      {status.targets.map((t) => (
        <TargetLine key={t.targetId} status={t} />
      ))}
      {message && (
        <SectionMessage appearance="information">
          <Text>{message}</Text>
        </SectionMessage>
      )}
      {status.canPush && (
        <Button appearance="primary" onClick={pushNow}>
          {T.pushNow}
        </Button>
      )}
      <Button onClick={showPreview}>{T.preview}</Button>
      {preview === 'loading' && <Spinner label={T.preview} />}
      {preview && preview !== 'loading' && isFailure(preview) && <Text>{preview.error}</Text>}
      {preview && preview !== 'loading' && !isFailure(preview) && <PreviewPanel preview={preview} />}
    </Stack>
  );
}

function TargetLine({ status }: { status: PageTargetStatus }) {
  const T = useBylineText();
  const delivered =
    status.deliveredVersion > 0 ? fill(T.delivered, { version: status.deliveredVersion }) : '';
  return (
    <Stack space="space.050">
      <Text>
        {status.targetName} <Lozenge appearance={APPEARANCE[status.state]}>{T.states[status.state]}</Lozenge>{' '}
        {delivered}
      </Text>
      {status.reason && <Text>{status.reason}</Text>}
      {status.link && (
        <Link href={status.link} openNewTab>
          {T.open}
        </Link>
      )}
    </Stack>
  );
}
