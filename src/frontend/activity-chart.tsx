import React from 'react';
import { StackBarChart } from '@forge/react';
import type { DailyCount } from '../pipeline/activity-chart';
import { ACTIVITY_TEXT as T } from './activity-texts';

/** Deliveries per day, stacked by outcome, from the daily counters. */
export function DailyChart({ days }: { days: DailyCount[] }) {
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
