/** The answers of the heatmap, lifetime and insights routes, as zod schemas for the document. */
import { z } from 'zod';
import { INSIGHT_KINDS } from '../../domain/index.js';
import { HEATMAP_METRICS } from '../../services/getHeatmap.js';

const count = z.number().int().min(0);
const range = z.object({ from: z.string(), to: z.string(), tz: z.string() }).strict();
const figure = z.number().min(0).nullable().meta({ description: 'null while the window is still open' });

export const heatmap = z
  .object({
    range,
    metric: z.enum(HEATMAP_METRICS),
    cells: z
      .array(
        z
          .object({
            weekday: z.number().int().min(0).max(6).meta({ description: 'Monday 0' }),
            hour: z.number().int().min(0).max(23),
            clicks: count,
            uniques: count,
            posts: count.meta({
              description: 'metric=clicks: posts clicked in the cell; first24h: posts published in it',
            }),
          })
          .strict(),
      )
      .length(168),
    pending: count
      .optional()
      .meta({ description: 'first24h: posts of the range still in their first 24 hours, left out' }),
  })
  .strict()
  .meta({ id: 'Heatmap' });

const medians = z.object({ h1: figure, h24: figure, h72: figure, d7: figure, halfLifeHours: figure }).strict();
export const lifetime = z
  .object({
    range,
    posts: z.array(
      z
        .object({
          slug: z.string(),
          title: z.string().nullable(),
          network: z.string().nullable(),
          postedAt: z.string(),
          h1: figure,
          h24: figure,
          h72: figure,
          d7: figure,
          peakHour: z.number().int().min(0).nullable(),
          halfLifeHours: figure,
        })
        .strict(),
    ),
    networks: z.array(z.object({ network: z.string().nullable(), posts: count, median: medians }).strict()),
  })
  .strict()
  .meta({ id: 'Lifetime' });

export const insightList = z
  .object({
    insights: z.array(
      z
        .object({
          id: z.string(),
          kind: z.enum(INSIGHT_KINDS),
          text: z.string(),
          evidence: z
            .record(z.string(), z.unknown())
            .meta({ description: 'Every figure the text uses, and the posts behind it' }),
          confidence: z.enum(['low', 'medium', 'high']),
        })
        .strict(),
    ),
  })
  .strict()
  .meta({ id: 'Insights' });
