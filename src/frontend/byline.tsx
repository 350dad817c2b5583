import React from 'react';
import ForgeReconciler from '@forge/react';
import { BylineApp } from './byline-app';

/** Resource of the `confluence:contentBylineItem` module (manifest.yml: byline-ui). */
ForgeReconciler.render(
  <React.StrictMode>
    <BylineApp />
  </React.StrictMode>,
);
