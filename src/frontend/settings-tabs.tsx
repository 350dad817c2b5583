import React, { useState, type ReactNode } from 'react';
import { Tab, TabList, TabPanel, Tabs } from '@forge/react';

export interface SettingsTab {
  id: string;
  label: string;
  panel: ReactNode;
  /** Rendered (and its data loaded) only once the admin opens the tab. */
  lazy?: boolean;
}

/**
 * The tabbed layout of both settings pages. Each page lists its tabs in one array; the delivery
 * log's "Activity" tab is lazy, so opening the settings reads nothing of the log.
 */
export function SettingsTabs({ id, tabs }: { id: string; tabs: SettingsTab[] }) {
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set([0]));
  return (
    <Tabs id={id} onChange={(index: number) => setOpened((seen) => new Set(seen).add(index))}>
      <TabList>
        {tabs.map((tab) => (
          <Tab key={tab.id}>{tab.label}</Tab>
        ))}
      </TabList>
      {tabs.map((tab, index) => (
        <TabPanel key={tab.id}>{!tab.lazy || opened.has(index) ? tab.panel : null}</TabPanel>
      ))}
    </Tabs>
  );
}
