import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Assistant } from '../../core/assistant.js';

const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const PAGE = file('page.html');
const SCRIPT = file('chat.js');
const STYLE = file('chat.css');

/** The visitor cookie: a random id the server issues and signs; the browser cannot choose or read it. */
export const VISITOR_COOKIE = 'vid';
const VISITOR_MAX_AGE_S = 30 * 24 * 3600;

interface ChatBody {
  text?: string;
  button?: string;
  language?: string;
  /** sent by pages of earlier versions; ignored: the visitor is the cookie */
  userId?: string;
}

const chatSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      userId: { type: 'string', maxLength: 64 },
      text: { type: 'string', maxLength: 20_000 },
      button: { type: 'string', maxLength: 64 },
      language: { type: 'string', maxLength: 8 },
    },
  },
} as const;

/**
 * The visitor's id from the signed cookie, or a new one set on the reply. When a portal may embed the
 * chat, the cookie must travel in a cross-site frame: SameSite=None, which browsers accept only with Secure.
 */
function visitor(req: FastifyRequest, reply: FastifyReply, embedded: boolean): string {
  const raw = req.cookies[VISITOR_COOKIE];
  const checked = raw ? req.unsignCookie(raw) : undefined;
  if (checked?.valid && checked.value && /^[A-Za-z0-9_-]{22}$/.test(checked.value)) return checked.value;
  const id = randomBytes(16).toString('base64url');
  void reply.setCookie(VISITOR_COOKIE, id, {
    signed: true,
    httpOnly: true,
    sameSite: embedded ? 'none' : 'lax',
    secure: embedded || req.protocol === 'https',
    path: '/',
    maxAge: VISITOR_MAX_AGE_S,
  });
  return id;
}

/** The web chat: a page at / (script and style as files, for a CSP without inline code) and POST /api/chat. */
export function registerWebChat(
  app: FastifyInstance,
  assistant: Assistant,
  limits: { perAddress: preHandlerAsyncHookHandler; overall: preHandlerAsyncHookHandler },
  embedded = false,
): void {
  const visitorOf = (req: FastifyRequest, reply: FastifyReply) => visitor(req, reply, embedded);
  app.get('/', async (req, reply) => {
    visitorOf(req, reply);
    return reply.type('text/html; charset=utf-8').send(PAGE);
  });
  app.get('/chat.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(SCRIPT));
  app.get('/chat.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(STYLE));

  // "Xóa cuộc trò chuyện": the page forgets it, and so does the server (the session: language and topic)
  app.post('/api/chat/forget', { preHandler: [limits.perAddress] }, async (req, reply) => {
    await assistant.forget('web', visitorOf(req, reply));
    return { ok: true };
  });

  // "Ask a person": the open page asks every 2 s for what staff sent (and a page opened later gets it at once).
  // Limited per visitor, not per address: many citizens share one address behind a mobile carrier's NAT.
  const polls = app.rateLimit({
    max: 60,
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const raw = req.cookies[VISITOR_COOKIE];
      const checked = raw ? req.unsignCookie(raw) : undefined;
      return checked?.valid && checked.value ? `chat-updates:v:${checked.value}` : `chat-updates:a:${req.ip}`;
    },
  }) as preHandlerAsyncHookHandler;
  app.get('/api/chat/updates', { preHandler: [polls] }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return assistant.handoffUpdates('web', visitorOf(req, reply));
  });

  app.post<{ Body: ChatBody }>('/api/chat', { schema: chatSchema, preHandler: [limits.perAddress, limits.overall] }, async (req, reply) => {
    const { text, button, language } = req.body;
    const answer = await assistant.handle({
      channel: 'web',
      userId: visitorOf(req, reply),
      ...(button ? { button } : { text: text ?? '' }),
      ...(language ? { languageHint: language } : {}),
    });
    return { intent: answer.intent, language: answer.language, reply: answer.silent && answer.intent === 'handoff.quiet' ? '' : answer.text, buttons: answer.buttons, source: answer.source, feedback: answer.feedback ?? [], ...(answer.intent.startsWith('handoff.') && answer.intent !== 'handoff.request' ? { handoff: answer.intent !== 'handoff.cancelled' } : {}) };
  });
}
