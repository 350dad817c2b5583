import React from 'react';
import { CodeBlock, Heading, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { PreviewAnswer, TargetPreview } from '../pipeline/preview';
import { usePreviewText } from './activity-i18n';
import { fill } from './activity-texts';

type Loaded = Exclude<PreviewAnswer, { error: string }>;

/** What each target would receive for a page (the dry run), one block per target. */
export function PreviewPanel({ preview }: { preview: Loaded }) {
  const PREVIEW_TEXT = usePreviewText();
  if (preview.targets.length === 0) return <Text>{PREVIEW_TEXT.noTargets}</Text>;
  return (
    <Stack space="space.200">
      <Heading as="h4">
        {preview.title} (v{preview.version})
      </Heading>
      {preview.targets.map((t) => (
        <TargetBlock key={t.targetId} target={t} />
      ))}
    </Stack>
  );
}

function TargetBlock({ target }: { target: TargetPreview }) {
  const PREVIEW_TEXT = usePreviewText();
  const payload = target.payload;
  return (
    <Stack space="space.100">
      <Text>
        {target.targetName}{' '}
        <Lozenge appearance={target.action === 'skip' ? 'default' : 'inprogress'}>{target.action}</Lozenge>{' '}
        {target.reason}
      </Text>
      {!payload && <Text>{PREVIEW_TEXT.nothingSent}</Text>}
      {payload && <Text>{fill(PREVIEW_TEXT.request, { request: payload.request })}</Text>}
      {payload?.body !== undefined && (
        <CodeBlock
          text={payload.body}
          language={payload.contentType === 'application/json' ? 'json' : 'text'}
          shouldWrapLongLines
        />
      )}
      {payload && payload.notes.length > 0 && (
        <SectionMessage appearance="information">
          {payload.notes.map((note) => (
            <Text key={note}>{note}</Text>
          ))}
        </SectionMessage>
      )}
    </Stack>
  );
}
