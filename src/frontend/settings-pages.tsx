import React from 'react';
import type { SettingsView } from '../pipeline/settings/settings-api';
import { ActivityTab } from './activity';
import { useText } from './i18n';
import { MappingsTab } from './mappings-tab';
import { SettingsTabs, type SettingsTab } from './settings-tabs';
import { TargetsTab } from './targets-tab';

/** What each target does with pages that stop matching, shown next to its mappings. */
function policiesOf(view: SettingsView): Record<string, 'remove' | 'keep'> {
  return Object.fromEntries(view.offered.map((o) => [o.id, o.whenIneligible]));
}

interface PageProps {
  view: SettingsView;
  reload: () => Promise<void>;
}

/** Confluence admins: targets and every space's mapping. */
export function GlobalSettingsPage({ view, reload }: PageProps) {
  const { t } = useText();
  const policies = policiesOf(view);
  const tabs: SettingsTab[] = [
    {
      id: 'targets',
      label: t('app.tabs.targets'),
      panel: <TargetsTab targets={view.targets} reload={reload} />,
    },
    {
      id: 'spaces',
      label: t('app.tabs.spaces'),
      panel: (
        <MappingsTab
          scope={view.scope}
          mappings={view.mappings}
          offered={view.offered}
          policies={policies}
          reload={reload}
        />
      ),
    },
    { id: 'activity', label: t('app.tabs.activity'), panel: <ActivityTab />, lazy: true },
  ];
  return <SettingsTabs id="relay-global-settings" tabs={tabs} />;
}

/** Space admins: the mapping of their space (the space comes from the module context, server-side). */
export function SpaceSettingsPage({ view, reload }: PageProps) {
  const { t } = useText();
  const spaceKey = view.scope.kind === 'space' ? view.scope.spaceKey : '';
  const tabs: SettingsTab[] = [
    {
      id: 'space',
      label: t('app.tabs.space', { spaceKey }),
      panel: (
        <MappingsTab
          scope={view.scope}
          mappings={view.mappings}
          offered={view.offered}
          policies={policiesOf(view)}
          reload={reload}
        />
      ),
    },
    { id: 'activity', label: t('app.tabs.activity'), panel: <ActivityTab />, lazy: true },
  ];
  return <SettingsTabs id="relay-space-settings" tabs={tabs} />;
}
