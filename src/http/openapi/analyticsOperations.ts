/** The analytics operations under /api (stats, compare, timing, insights, campaigns), for the OpenAPI table in operations.ts. */
import { compareInput } from '../../services/compareStats.js';
import { statsInput } from '../../services/getStats.js';
import { campaignsInput } from '../../services/listCampaigns.js';
import * as I from './insightResponses.js';
import { heatmapInput } from '../../services/getHeatmap.js';
import { timingInput } from '../../services/timingInput.js';
import type { Operation } from './operations.js';
import * as R from './responses.js';

export const ANALYTICS_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/stats',
    tag: 'Analytics',
    summary: 'Totals, a series and breakdowns, from the counters',
    query: statsInput,
    injected: ['now'],
    answers: { 200: { description: 'Analytics for the range', schema: R.stats } },
  },
  {
    method: 'get',
    path: '/api/stats/compare',
    tag: 'Analytics',
    summary: 'Posts, campaigns or networks side by side, aligned at posting time',
    query: compareInput,
    answers: { 200: { description: 'One series per post or group', schema: R.comparison } },
  },
  {
    method: 'get',
    path: '/api/stats/heatmap',
    tag: 'Analytics',
    summary: 'Clicks per local weekday and hour, as they came or by posting time (metric=first24h)',
    query: heatmapInput,
    injected: ['now'],
    answers: { 200: { description: '168 cells, Monday 0', schema: I.heatmap } },
  },
  {
    method: 'get',
    path: '/api/stats/lifetime',
    tag: 'Analytics',
    summary: 'How each post posted in the range lived: first hour, day, 3 days, week, peak and half-life',
    query: timingInput,
    injected: ['now'],
    answers: { 200: { description: 'Posts and medians per network', schema: I.lifetime } },
  },
  {
    method: 'get',
    path: '/api/insights',
    tag: 'Analytics',
    summary: 'Recommendations and warnings with their evidence and confidence',
    query: timingInput,
    injected: ['now'],
    answers: { 200: { description: 'Statements, recommendations first', schema: I.insightList } },
  },
  {
    method: 'get',
    path: '/api/campaigns',
    tag: 'Analytics',
    summary: 'Campaigns with their posts, clicks and best network',
    query: campaignsInput,
    injected: ['now'],
    answers: { 200: { description: 'One row per campaign', schema: R.campaignList } },
  },
];
