import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OUTCOMES, type Outcome } from '../../handoff/handoff.js';
import type { HandoffView } from '../../handoff/handoff-book.js';
import { localityKey } from '../../handoff/office-hours.js';
import { redactPersonal } from '../../util/redact.js';
import type { Account } from '../accounts.js';
import type { ConsoleParts } from '../console-parts.js';

const AGENTS = { roles: ['admin', 'agent'] } as const;
const TEXT = { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: 4000 } } } as const;
type Params = { Params: { id: string } };

/** An agent's queue is their locality's; administrators see every locality. */
function inScope(account: Account, view: HandoffView): boolean {
  return account.role === 'admin' || (account.locality !== undefined && localityKey(account.locality) === localityKey(view.locality));
}

/** The list's view of a conversation: no transcript, and the last words with phone, ID numbers and e-mails removed. */
function summary(view: HandoffView, me: string, now: Date) {
  const last = [...view.transcript].reverse().find((t) => t.from === 'citizen' && !t.text.startsWith('['));
  return {
    id: view.id,
    locality: view.locality,
    channel: view.channel,
    state: view.state,
    createdAt: view.createdAt,
    waitingMinutes: Math.max(0, Math.round((now.getTime() - Date.parse(view.createdAt)) / 60_000)),
    preview: redactPersonal(last?.text ?? '', 120),
    claimedBy: view.claim?.by ?? null,
    mine: view.claim?.by === me,
    ...(view.closing ? { outcome: view.closing.outcome, closedBy: view.closing.by } : {}),
  };
}

/**
 * Hỗ trợ trực tiếp (live help): the queue of the agent's locality, claim (one agent at a time),
 * the transcript (only to the agent holding the claim), answer, internal note, close with an outcome,
 * and a closed conversation made an example for the review list. Every change is in the audit log.
 */
export function handoffRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  const { book, desk, hours } = parts.handoff;

  /** The conversation when this account may see it; 404 otherwise (another locality's look the same as none). */
  async function scoped(req: FastifyRequest<Params>, reply: FastifyReply): Promise<HandoffView | undefined> {
    const view = await book.get(req.params.id);
    if (!view || !inScope(req.account!, view)) {
      await reply.status(404).send({ error: 'no such conversation' });
      return undefined;
    }
    return view;
  }

  /** The conversation when this account holds its claim (409 otherwise). */
  async function held(req: FastifyRequest<Params>, reply: FastifyReply): Promise<HandoffView | undefined> {
    const view = await scoped(req, reply);
    if (!view) return undefined;
    if (view.state === 'closed' || !(await book.holds(view.id, req.account!.name))) {
      await reply.status(409).send({ error: view.state === 'closed' ? 'the conversation is closed' : 'claim the conversation first' });
      return undefined;
    }
    return view;
  }

  api.get<{ Querystring: { closed?: boolean } }>(
    '/handoffs',
    { config: AGENTS, schema: { querystring: { type: 'object', additionalProperties: false, properties: { closed: { type: 'boolean' } } } } },
    async (req) => {
      const account = req.account!;
      const locality = account.role === 'admin' ? undefined : account.locality ?? '';
      const now = parts.clock();
      const open = await book.list(locality);
      const closed = req.query.closed ? await book.list(locality, { closed: true, limit: 50 }) : [];
      const opening = hours.at(locality ?? 'toàn tỉnh', now);
      return {
        locality: locality ?? null,
        waiting: open.filter((v) => v.state === 'waiting').length,
        open: opening.open,
        items: [...open, ...closed.reverse()].map((v) => summary(v, account.name, now)),
      };
    },
  );

  api.get<Params>('/handoffs/:id', { config: AGENTS }, async (req, reply) => {
    const view = await scoped(req, reply);
    if (!view) return reply;
    const mine = view.state !== 'closed' && (await book.holds(view.id, req.account!.name));
    // the transcript only to the agent holding the claim (and, once closed, to the one who closed it or an administrator)
    const closedByMe = view.state === 'closed' && (view.closing?.by === req.account!.name || req.account!.role === 'admin');
    if (!mine && !closedByMe) return reply.status(403).send({ error: 'claim the conversation to read it', summary: summary(view, req.account!.name, parts.clock()) });
    const conversation = await desk.conversation(view);
    return { ...summary(view, req.account!.name, parts.clock()), turns: conversation.turns };
  });

  api.post<Params>('/handoffs/:id/claim', { config: AGENTS }, async (req, reply) => {
    const view = await scoped(req, reply);
    if (!view) return reply;
    const result = await book.claim(view.id, req.account!.name);
    if (result !== 'ok') return reply.status(409).send({ error: result === 'closed' ? 'the conversation is closed' : 'another agent has claimed it' });
    await parts.audit.record(req.account!.name, 'handoff.claim', view.id, view.locality);
    return { ok: true };
  });

  api.post<Params>('/handoffs/:id/release', { config: AGENTS }, async (req, reply) => {
    const view = await held(req, reply);
    if (!view) return reply;
    await book.release(view.id, req.account!.name);
    await parts.audit.record(req.account!.name, 'handoff.release', view.id);
    return { ok: true };
  });

  api.post<Params & { Body: { text: string } }>('/handoffs/:id/answer', { config: AGENTS, schema: { body: TEXT } }, async (req, reply) => {
    const view = await held(req, reply);
    if (!view) return reply;
    const { entry, delivery } = await desk.answer(view, req.account!.name, req.body.text.trim());
    await parts.audit.record(req.account!.name, 'handoff.answer', view.id, `${view.channel}: ${delivery.state}${delivery.state !== 'sent' ? ` (${delivery.why})` : ''}`);
    return { entry, delivery };
  });

  api.post<Params & { Body: { text: string } }>('/handoffs/:id/note', { config: AGENTS, schema: { body: TEXT } }, async (req, reply) => {
    const view = await held(req, reply);
    if (!view) return reply;
    const entry = await desk.note(view, req.account!.name, req.body.text.trim());
    await parts.audit.record(req.account!.name, 'handoff.note', view.id);
    return { entry };
  });

  api.post<Params & { Body: { outcome: Outcome } }>(
    '/handoffs/:id/close',
    { config: AGENTS, schema: { body: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { type: 'string', enum: [...OUTCOMES] } } } } },
    async (req, reply) => {
      const view = await held(req, reply);
      if (!view) return reply;
      const result = await desk.close(view, req.body.outcome, req.account!.name);
      if (!result.closed) return reply.status(409).send({ error: 'the conversation is closed' });
      await parts.audit.record(req.account!.name, 'handoff.close', view.id, req.body.outcome);
      return result;
    },
  );

  // a closed, answered conversation becomes an example question and a draft answer in "Cần xem lại"
  api.post<Params & { Body: { question?: string } }>(
    '/handoffs/:id/example',
    { config: AGENTS, schema: { body: { type: 'object', additionalProperties: false, properties: { question: { type: 'string', minLength: 1, maxLength: 500 } } } } },
    async (req, reply) => {
      const view = await scoped(req, reply);
      if (!view) return reply;
      if (view.state !== 'closed' || (view.closing?.by !== req.account!.name && req.account!.role !== 'admin')) return reply.status(409).send({ error: 'only a conversation you closed can be made an example' });
      const { turns } = await desk.conversation(view);
      const answer = [...turns].reverse().find((t) => t.kind === 'answer');
      const question = req.body.question ?? [...view.transcript].reverse().find((t) => t.from === 'citizen' && !t.text.startsWith('[') && !t.text.startsWith('/'))?.text;
      if (!answer || !question) return reply.status(409).send({ error: 'the conversation has no question and answer to learn from' });
      const id = await parts.review.record(question, 'handoff', undefined, answer.text);
      if (!id) return reply.status(400).send({ error: 'the question is empty once personal data is removed' });
      await parts.audit.record(req.account!.name, 'handoff.example', view.id, id);
      return { review: id };
    },
  );
}
