import React from 'react';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { SettingsApp } from './settings-app';

/** The settings UI (global and space settings modules), in the viewer's language. */
ForgeReconciler.render(
  <React.StrictMode>
    <I18nProvider>
      <SettingsApp />
    </I18nProvider>
  </React.StrictMode>,
);
