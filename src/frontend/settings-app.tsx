import React, { useCallback, useEffect, useState } from 'react';
import { Heading, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { Answer, SettingsView } from '../pipeline/settings/settings-api';
import { refusalText } from './form-notice';
import { useText } from './i18n';
import { callSettings, type CallFailed } from './settings-client';
import { GlobalSettingsPage, SpaceSettingsPage } from './settings-pages';

type Loaded = Answer<SettingsView> | CallFailed;

/** Both settings pages: the resolver says which one (by the caller's rights) and what it holds. */
export function SettingsApp() {
  const { t } = useText();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const reload = useCallback(() => callSettings<SettingsView>('getSettings').then(setLoaded), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (!loaded) return <Spinner label={t('app.loading')} />;
  if ('status' in loaded)
    return (
      <SectionMessage appearance="error" title={t('refusal.title')}>
        <Text>
          {loaded.status === 'failed'
            ? t('app.loadFailed', { message: loaded.message })
            : refusalText(t, loaded.refusal)}
        </Text>
      </SectionMessage>
    );
  return (
    <Stack space="space.200">
      <Heading as="h2">{t('app.title')}</Heading>
      {!loaded.licensed && (
        <SectionMessage appearance="warning" title={t('app.unlicensed.title')}>
          <Text>{t('app.unlicensed.body')}</Text>
        </SectionMessage>
      )}
      {loaded.scope.kind === 'global' ? (
        <GlobalSettingsPage view={loaded} reload={reload} />
      ) : (
        <SpaceSettingsPage view={loaded} reload={reload} />
      )}
    </Stack>
  );
}
