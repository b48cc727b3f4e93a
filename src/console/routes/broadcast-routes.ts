import type { FastifyInstance } from 'fastify';
import type { ConsoleParts } from '../console-parts.js';

const EDITORS = { roles: ['admin', 'editor'] } as const;
const composeSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { text: { type: 'string', maxLength: 4000 }, key: { type: 'string', maxLength: 80 }, language: { type: 'string', enum: ['vi', 'en'] }, locality: { type: 'string', maxLength: 80 } },
  },
} as const;
interface Compose {
  text?: string;
  key?: string;
  language?: 'vi' | 'en';
  locality?: string;
}
const idParams = { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f]{8}$' } } } } as const;

/** Gửi tin: compose from a text or an answer, recipients counted before sending, send, progress, resume (the CLI's queue). */
export function broadcastRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  const textOf = (body: Compose): string | undefined => (body.key ? parts.knowledge.content.locales[body.language ?? 'vi'].answers[body.key]?.text : body.text?.trim());
  const start = (id: string) => {
    // sent in the background at each platform's rate; the page asks for the progress
    void parts.broadcasts.run(id, parts.senders()).catch((err: Error) => api.log.error({ err: err.message, broadcast: id }, 'broadcast stopped'));
  };

  api.post<{ Body: Compose }>('/broadcasts/preview', { config: EDITORS, schema: composeSchema }, async (req, reply) => {
    const text = textOf(req.body);
    if (!text) return reply.status(400).send({ error: 'write a text or choose an answer' });
    return { text, recipients: (await parts.broadcasts.recipients(req.body.locality || null)).length };
  });

  api.post<{ Body: Compose }>('/broadcasts', { config: EDITORS, schema: composeSchema }, async (req, reply) => {
    const text = textOf(req.body);
    if (!text) return reply.status(400).send({ error: 'write a text or choose an answer' });
    const b = await parts.broadcasts.create(text, req.body.locality || null);
    const slot = await parts.store.increment('broadcast', 'console:slots');
    await parts.store.set('broadcast', `console:slot:${slot}`, b.id);
    await parts.audit.record(req.account!.name, 'broadcast.send', b.id, `${b.total} recipients${b.locality ? `, ${b.locality}` : ''}`);
    start(b.id);
    return { id: b.id, total: b.total };
  });

  api.get('/broadcasts', { config: EDITORS }, async () => {
    const slots = await parts.store.count('broadcast', 'console:slots');
    const ids = await Promise.all(Array.from({ length: Math.min(slots, 20) }, (_, i) => parts.store.get<string>('broadcast', `console:slot:${slots - i}`)));
    const rows = await Promise.all(
      ids.filter((id): id is string => Boolean(id)).map(async (id) => {
        const b = await parts.broadcasts.get(id);
        return b ? { ...b, text: b.text.slice(0, 120), progress: await parts.broadcasts.progress(id) } : undefined;
      }),
    );
    return { broadcasts: rows.filter(Boolean) };
  });

  api.get<{ Params: { id: string } }>('/broadcasts/:id', { config: EDITORS, schema: idParams }, async (req, reply) => {
    if (!(await parts.broadcasts.get(req.params.id))) return reply.status(404).send({ error: 'no such broadcast' });
    return parts.broadcasts.progress(req.params.id);
  });

  api.post<{ Params: { id: string } }>('/broadcasts/:id/resume', { config: EDITORS, schema: idParams }, async (req, reply) => {
    if (!(await parts.broadcasts.get(req.params.id))) return reply.status(404).send({ error: 'no such broadcast' });
    await parts.audit.record(req.account!.name, 'broadcast.resume', req.params.id);
    start(req.params.id);
    return { ok: true };
  });
}
