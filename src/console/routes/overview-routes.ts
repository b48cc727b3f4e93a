import type { FastifyInstance } from 'fastify';
import { campaignReport, reportTotals } from '../../campaigns/campaign-report.js';
import { vietnamDay } from '../../util/vietnam-time.js';
import type { ConsoleParts } from '../console-parts.js';

const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
const rangeSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { since: { type: 'string', pattern: DAY }, until: { type: 'string', pattern: DAY }, code: { type: 'string', maxLength: 64 } },
  },
} as const;

/** Tổng quan: the figures of `campaign stats` (the same function), added up, with the rates and the day-by-day series. */
export function overviewRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  api.get<{ Querystring: { since?: string; until?: string; code?: string } }>('/overview', { schema: rangeSchema, config: { roles: ['admin', 'editor'] } }, async (req, reply) => {
    const intents = [...parts.knowledge.knowledge.intents];
    // a month back by default, so the chart shows days and not a single dot
    const since = req.query.since ?? vietnamDay(new Date(parts.clock().getTime() - 29 * 86_400_000));
    try {
      const rows = await campaignReport(parts.stats, parts.campaigns, intents, { since, until: req.query.until, code: req.query.code }, parts.clock);
      return { since, until: req.query.until ?? vietnamDay(parts.clock()), totals: reportTotals(rows), campaigns: rows.map(({ unanswered: _u, by_day: _d, ...r }) => r) };
    } catch (err) {
      return reply.status(404).send({ error: (err as Error).message });
    }
  });
}
