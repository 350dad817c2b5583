import React from 'react';
import { SectionMessage, Text } from '@forge/react';
import type { ConnectionResult } from '../pipeline/settings/settings-api';
import { useText } from './i18n';

/**
 * The answer of Test connection: the adapter's words (they name the host, the status and what to
 * change). A host the app may not reach also has its EgressHint on the page, with the way to allow it.
 */
export function ConnectionMessage({ name, result }: { name: string; result: ConnectionResult }) {
  const { t } = useText();
  if (result.ok)
    return (
      <SectionMessage appearance="success" title={t('targets.testOk', { name })}>
        <Text>{result.detail}</Text>
      </SectionMessage>
    );
  return (
    <SectionMessage appearance="error" title={t('targets.testFailed', { name })}>
      <Text>{result.reason}</Text>
    </SectionMessage>
  );
}
