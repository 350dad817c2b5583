import React, { useEffect, useState } from 'react';
import ForgeReconciler, { Heading, Lozenge, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { invoke } from '@forge/bridge';
import type { Answer, SettingsView } from '../pipeline/settings/settings-api';

type Loaded = SettingsView | { error: string };

/** Settings page (global and space). The full management UI is its own piece of work. */
export function App() {
  const [data, setData] = useState<Loaded | undefined>();
  useEffect(() => {
    invoke<Answer<SettingsView>>('getSettings').then(
      (reply) => {
        const res = 'body' in reply ? reply.body : reply;
        setData('status' in res ? { error: `Refused: ${res.refusal.code}` } : res);
      },
      (e: Error) => setData({ error: e.message }),
    );
  }, []);
  if (!data) return <Spinner label="Loading Relay settings" />;
  if ('error' in data)
    return (
      <SectionMessage appearance="error">
        <Text>{data.error}</Text>
      </SectionMessage>
    );
  return (
    <Stack space="space.200">
      <Heading as="h2">Relay for Confluence</Heading>
      {!data.licensed && (
        <SectionMessage appearance="warning" title="No active licence">
          <Text>Relay pushes nothing until the app has an active licence for this site.</Text>
        </SectionMessage>
      )}
      <Heading as="h3">Targets</Heading>
      {data.targets.length === 0 && <Text>No targets yet.</Text>}
      {data.targets.map(({ target: t, secretSet }) => (
        <Text key={t.id}>
          {t.name} ({t.kind}){' '}
          <Lozenge appearance={t.enabled ? 'success' : 'removed'}>
            {t.enabled ? 'enabled' : 'disabled'}
          </Lozenge>
          {t.disabledReason ? ` ${t.disabledReason}` : ''} {secretSet ? '' : ' — signing secret not set'}
        </Text>
      ))}
      <Heading as="h3">Space mappings</Heading>
      {data.mappings.length === 0 && <Text>No spaces are mapped.</Text>}
      {data.mappings.map((m) => (
        <Text key={m.spaceKey}>
          {m.spaceKey} → {m.targets.map((t) => t.targetId).join(', ') || 'no targets'}
        </Text>
      ))}
    </Stack>
  );
}

ForgeReconciler.render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
