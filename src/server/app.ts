import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Assistant } from '../core/assistant.js';
import { registerWebChat } from '../channels/web/web-chat.js';
import type { Store } from '../storage/store.js';
import { registerConsole } from '../console/console.js';
import type { ConsoleSecurity } from '../console/auth.js';
import type { ConsoleParts } from '../console/console-parts.js';
import { registerSecurity, securitySettingsFrom, type SecuritySettings } from './security.js';

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
  /** signs the web chat's visitor cookie; a random one (visitors forgotten at restart) when not given */
  cookieSecret?: string;
  security?: SecuritySettings;
  /** Fastify's trustProxy: true, a hop count or addresses, when the server sits behind a reverse proxy */
  trustProxy?: boolean | string[];
  /** the operations console (/admin, /api/admin/); off when not given */
  console?: { parts: ConsoleParts; security: ConsoleSecurity };
}

/** A route as registered: tests walk them (every /api/admin/ route must refuse strangers). */
export interface RegisteredRoute {
  method: string;
  url: string;
  roles?: readonly string[] | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

/** Request bodies over this size get 413. */
export const BODY_LIMIT = 1024 * 1024;
/** A request must arrive whole within this time (slow bodies are cut off), and at most this many sockets are open. */
export const REQUEST_TIMEOUT_MS = 10_000;
export const MAX_CONNECTIONS = 2_000;

/** Builds the HTTP app without listening, so tests inject requests. */
export async function buildApp(parts: AppParts): Promise<FastifyInstance> {
  const app = Fastify({
    ...(parts.logger ? { loggerInstance: parts.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: 2 * REQUEST_TIMEOUT_MS,
    keepAliveTimeout: 5_000,
    // a field the schema does not know is refused, not silently dropped
    ajv: { customOptions: { removeAdditional: false } },
    ...(parts.trustProxy !== undefined ? { trustProxy: parts.trustProxy } : {}),
  }) as unknown as FastifyInstance;
  app.server.maxConnections = MAX_CONNECTIONS;
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, roles: (r.config as { roles?: readonly string[] } | undefined)?.roles });
  });

  app.setErrorHandler((err: { statusCode?: number; validation?: unknown; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message = status >= 500 ? 'internal error' : err.validation ? `invalid request: ${err.message}` : err.message;
    void reply.status(status).send({ error: message });
  });

  await app.register(cookie, { secret: parts.cookieSecret ?? randomBytes(32).toString('hex') });
  const security = parts.security ?? securitySettingsFrom({});
  const limits = await registerSecurity(app, security, parts.store);

  // Only ok or degraded per part: no configuration, addresses or versions for anyone to read.
  app.get('/healthz', async (_req, reply) => {
    const storeOk = await parts.store.ping();
    const channels = Object.fromEntries(parts.channels().map((c) => [c.name, c.on ? 'ok' : 'off']));
    return reply.status(storeOk ? 200 : 503).send({ status: storeOk ? 'ok' : 'degraded', store: storeOk ? 'ok' : 'degraded', channels });
  });

  registerWebChat(app, parts.assistant, limits, security.embedOrigins.length > 0);
  if (parts.console) await registerConsole(app, parts.console.parts, parts.console.security);
  return app;
}
