import React from 'react';
import ForgeReconciler from '@forge/react';
import { SettingsApp } from './settings-app';
import { TextsProvider } from './texts-provider';

/** The settings UI (global and space settings modules), in the viewer's language. */
ForgeReconciler.render(
  <React.StrictMode>
    <TextsProvider>
      <SettingsApp />
    </TextsProvider>
  </React.StrictMode>,
);
