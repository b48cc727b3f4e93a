import type { FastifyInstance } from 'fastify';
import type { Language } from '../../nlu/language.js';
import type { ReviewReason } from '../../review/review-list.js';
import type { ConsoleParts } from '../console-parts.js';

const EDITORS = { roles: ['admin', 'editor'] } as const;
const REASONS = ['fallback', 'clarify', 'low_confidence', 'negative', 'handoff'];

/** Cần xem lại: the review list, marking a question handled, and giving it to an intent as an example (live at once). */
export function reviewRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  const intentList = () =>
    [...parts.knowledge.knowledge.intents]
      .filter((i) => parts.knowledge.content.locales.vi.answers[i])
      .sort()
      .map((id) => ({ id, vi: parts.knowledge.content.locales.vi.answers[id]!.text.split('\n')[0]!.slice(0, 90), en: parts.knowledge.content.locales.en.answers[id]?.text.split('\n')[0]!.slice(0, 90) ?? '' }));

  api.get('/intents', { config: EDITORS }, async () => ({ intents: intentList() }));

  api.get<{ Querystring: { reason?: ReviewReason; limit?: number } }>(
    '/review',
    { config: EDITORS, schema: { querystring: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', enum: REASONS }, limit: { type: 'integer', minimum: 1, maximum: 200 } } } } },
    async (req) => ({ items: await parts.review.top(req.query.limit ?? 50, req.query.reason) }),
  );

  api.post<{ Params: { id: string } }>('/review/:id/handled', { config: EDITORS }, async (req, reply) => {
    const item = await parts.review.get(req.params.id);
    if (!item) return reply.status(404).send({ error: 'no such question' });
    await parts.review.markHandled(item.id, { by: req.account!.name, at: parts.clock().toISOString() });
    await parts.audit.record(req.account!.name, 'review.handled', item.id);
    return { ok: true };
  });

  api.post<{ Params: { id: string }; Body: { intent: string; language?: Language } }>(
    '/review/:id/assign',
    {
      config: EDITORS,
      schema: { body: { type: 'object', additionalProperties: false, required: ['intent'], properties: { intent: { type: 'string', maxLength: 80 }, language: { type: 'string', enum: ['vi', 'en'] } } } },
    },
    async (req, reply) => {
      const item = await parts.review.get(req.params.id);
      if (!item) return reply.status(404).send({ error: 'no such question' });
      if (!parts.knowledge.knowledge.intents.has(req.body.intent)) return reply.status(400).send({ error: `unknown intent "${req.body.intent}"` });
      await parts.examples.add(req.body.intent, item.text, req.account!.name, parts.clock());
      await parts.review.markHandled(item.id, { by: req.account!.name, at: parts.clock().toISOString(), intent: req.body.intent });
      await parts.audit.record(req.account!.name, 'review.assign', item.id, req.body.intent);
      const answer = await parts.preview(item.text, req.body.language ?? 'vi');
      return { intent: answer.intent, reply: answer.text };
    },
  );

  api.get('/examples', { config: EDITORS }, async () => ({ examples: await parts.examples.list() }));
}
