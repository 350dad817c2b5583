import React from 'react';
import { StackBarChart } from '@forge/react';
import type { DailyCount } from '../pipeline/activity-chart';
import { useActivityText } from './activity-i18n';

/** Deliveries per day, stacked by outcome, from the daily counters. */
export function DailyChart({ days }: { days: DailyCount[] }) {
  const T = useActivityText();
  return (
    <StackBarChart
      data={days}
      xAccessor="day"
      yAccessor="n"
      colorAccessor="outcome"
      title={T.chartTitle}
      height={260}
    />
  );
}
