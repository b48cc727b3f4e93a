import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Assistant } from '../core/assistant.js';
import { registerWebChat } from '../channels/web/web-chat.js';
import type { Store } from '../storage/store.js';

export interface ChannelState {
  name: string;
  on: boolean;
  why: string;
}

export interface AppParts {
  assistant: Assistant;
  store: Store;
  channels: () => ChannelState[];
  /** a pino logger; none in tests */
  logger?: FastifyBaseLogger;
}

/** Request bodies over this size get 413. */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP app without listening, so tests inject requests. */
export function buildApp(parts: AppParts): FastifyInstance {
  const app = Fastify({
    ...(parts.logger ? { loggerInstance: parts.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
  }) as unknown as FastifyInstance;

  app.setErrorHandler((err: { statusCode?: number; validation?: unknown; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message = status >= 500 ? 'internal error' : err.validation ? `invalid request: ${err.message}` : err.message;
    void reply.status(status).send({ error: message });
  });

  app.get('/healthz', async (_req, reply) => {
    const storeOk = await parts.store.ping();
    return reply.status(storeOk ? 200 : 503).send({
      status: storeOk ? 'ok' : 'degraded',
      store: { kind: parts.store.kind, ok: storeOk },
      channels: parts.channels(),
    });
  });

  registerWebChat(app, parts.assistant);
  return app;
}
