import helmet from '@fastify/helmet';
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Store } from '../storage/store.js';

/** What the server's protections are set to (from the environment, see .env.example). */
export interface SecuritySettings {
  /** origins allowed to frame the web chat (a provincial portal), e.g. ["https://congan.example.gov.vn"]; none by default */
  embedOrigins: string[];
  /** requests to /api/chat a minute from one address */
  perAddressPerMinute: number;
  /** requests to /api/chat a minute from everyone, on one instance */
  overallPerMinute: number;
}

export function securitySettingsFrom(env: Record<string, string | undefined>): SecuritySettings {
  const number = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}="${raw}" must be a whole number above 0`);
    return n;
  };
  const embedOrigins = (env.EMBED_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of embedOrigins) {
    if (!/^https?:\/\/[a-z0-9.-]+(?::\d+)?$/i.test(origin)) throw new Error(`EMBED_ORIGINS: "${origin}" is not an origin like https://portal.example.gov.vn`);
  }
  return {
    embedOrigins,
    perAddressPerMinute: number('RATE_LIMIT_PER_ADDRESS', 60),
    overallPerMinute: number('RATE_LIMIT_OVERALL', 3000),
  };
}

/**
 * A rate-limit store over the assistant's own store (atomic counters with a time limit), so that
 * instances sharing Redis share the limits. @fastify/rate-limit calls it with the time window in ms.
 */
function sharedCounter(store: Store) {
  return class SharedCounter implements FastifyRateLimitStore {
    constructor(private readonly options: { timeWindow?: unknown }) {}

    incr(key: string, done: (err: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const window = timeWindow || (typeof this.options.timeWindow === 'number' ? this.options.timeWindow : 60_000);
      const slot = Math.floor(Date.now() / window);
      store.increment('rate', `http:${key}:${slot}`, 1, window * 2).then(
        (current) => done(null, { current, ttl: window - (Date.now() % window) }),
        (err: Error) => done(err),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): SharedCounter {
      return new SharedCounter({ ...this.options, timeWindow: (routeOptions as { timeWindow?: unknown }).timeWindow ?? this.options.timeWindow });
    }
  };
}

/**
 * Security headers (helmet: a CSP without inline scripts, frame-ancestors from EMBED_ORIGINS,
 * nosniff) and the limits of the web chat's endpoint: per address (@fastify/rate-limit, shared through
 * Redis when the store is Redis) and everyone together on this instance.
 */
export async function registerSecurity(app: FastifyInstance, settings: SecuritySettings, store: Store): Promise<{ perAddress: preHandlerAsyncHookHandler; overall: preHandlerAsyncHookHandler }> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': settings.embedOrigins.length > 0 ? settings.embedOrigins : ["'none'"],
      },
    },
    // X-Frame-Options cannot name other origins: frame-ancestors decides, so it is left out when embedding is allowed
    frameguard: settings.embedOrigins.length > 0 ? false : { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  const shared = store.kind === 'redis' ? { store: sharedCounter(store) } : {};
  await app.register(rateLimit, { global: false, skipOnError: true, ...shared });
  const perAddress = app.rateLimit({ max: settings.perAddressPerMinute, timeWindow: 60_000 }) as preHandlerAsyncHookHandler;
  // @fastify/rate-limit applies one limiter per request, so the cap on everyone together is a counter of its own;
  // it guards this instance's capacity, so it is counted here, in memory, and costs no store round trip
  let bucket = { minute: -1, count: 0 };
  const overall: preHandlerAsyncHookHandler = async (_req, reply) => {
    const minute = Math.floor(Date.now() / 60_000);
    if (bucket.minute !== minute) bucket = { minute, count: 0 };
    if (++bucket.count > settings.overallPerMinute) {
      await reply.status(429).header('retry-after', String(60 - (Math.floor(Date.now() / 1000) % 60))).send({ error: 'too many requests, try again in a minute' });
    }
  };
  return { perAddress, overall };
}
