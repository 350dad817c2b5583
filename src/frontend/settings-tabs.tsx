import React, { type ReactNode } from 'react';
import { Tab, TabList, TabPanel, Tabs } from '@forge/react';

export interface SettingsTab {
  id: string;
  label: string;
  panel: ReactNode;
}

/**
 * The tabbed layout of both settings pages. Each page lists its tabs in one array; the delivery
 * log's "Activity" tab is one more entry there.
 */
export function SettingsTabs({ id, tabs }: { id: string; tabs: SettingsTab[] }) {
  return (
    <Tabs id={id}>
      <TabList>
        {tabs.map((tab) => (
          <Tab key={tab.id}>{tab.label}</Tab>
        ))}
      </TabList>
      {tabs.map((tab) => (
        <TabPanel key={tab.id}>{tab.panel}</TabPanel>
      ))}
    </Tabs>
  );
}
