import React from 'react';
import ForgeReconciler from '@forge/react';
import { BylineApp } from './byline-app';
import { TextsProvider } from './texts-provider';

/** Resource of the `confluence:contentBylineItem` module (manifest.yml: byline-ui). */
ForgeReconciler.render(
  <React.StrictMode>
    <TextsProvider>
      <BylineApp />
    </TextsProvider>
  </React.StrictMode>,
);
