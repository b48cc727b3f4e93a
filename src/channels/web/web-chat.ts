import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Assistant } from '../../core/assistant.js';

const PAGE = readFileSync(new URL('./page.html', import.meta.url), 'utf8');

interface ChatBody {
  userId: string;
  text?: string;
  button?: string;
  language?: string;
}

const chatSchema = {
  body: {
    type: 'object',
    required: ['userId'],
    additionalProperties: false,
    properties: {
      userId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      text: { type: 'string', maxLength: 20_000 },
      button: { type: 'string', maxLength: 64 },
      language: { type: 'string', maxLength: 8 },
    },
  },
} as const;

/** The web chat: a page at / and its endpoint POST /api/chat, one anonymous id per browser. */
export function registerWebChat(app: FastifyInstance, assistant: Assistant): void {
  app.get('/', async (_req, reply) => {
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
      .send(PAGE);
  });

  app.post<{ Body: ChatBody }>('/api/chat', { schema: chatSchema }, async (req) => {
    const { userId, text, button, language } = req.body;
    const answer = await assistant.handle({
      channel: 'web',
      userId,
      ...(button ? { button } : { text: text ?? '' }),
      ...(language ? { languageHint: language } : {}),
    });
    return { intent: answer.intent, language: answer.language, reply: answer.text, buttons: answer.buttons, source: answer.source, feedback: answer.feedback ?? [] };
  });
}
