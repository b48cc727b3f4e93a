import csrf from '@fastify/csrf-protection';
import session from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { accountName, type Account, type AccountBook, type Role } from './accounts.js';
import type { AdminAudit } from './admin-audit.js';
import { consoleSessionStore } from './session-store.js';
import type { Store } from '../storage/store.js';

declare module 'fastify' {
  interface Session {
    account?: string;
  }
  interface FastifyContextConfig {
    /** who may call a console route; admin only when not said */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    account?: Account;
  }
}

/** How the console's sign-in is protected (from the environment, see .env.example). */
export interface ConsoleSecurity {
  /** signs the session cookie (SESSION_SECRET, or a key kept in the store) */
  sessionSecret: string;
  /** COOKIE_SECURE: true, false, or 'auto' (Secure when the request came over https, as TRUST_PROXY sees it) */
  cookieSecure: boolean | 'auto';
  /** sign-in attempts per account, and per address, in one window */
  loginPerAccount: number;
  loginPerAddress: number;
  loginWindowMs: number;
  sessionMaxAgeMs: number;
}

export function consoleSecurityFrom(env: Record<string, string | undefined>, sessionSecret: string): ConsoleSecurity {
  const secure = (env.COOKIE_SECURE ?? 'auto').toLowerCase();
  if (!['true', 'false', 'auto', ''].includes(secure)) throw new Error(`COOKIE_SECURE="${env.COOKIE_SECURE}" must be true, false or auto`);
  const whole = (name: string, fallback: number) => {
    const n = Number(env[name] || fallback);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}="${env[name]}" must be a whole number above 0`);
    return n;
  };
  return {
    sessionSecret,
    cookieSecure: secure === 'true' ? true : secure === 'false' ? false : 'auto',
    loginPerAccount: whole('LOGIN_ATTEMPTS_PER_ACCOUNT', 5),
    loginPerAddress: whole('LOGIN_ATTEMPTS_PER_ADDRESS', 20),
    loginWindowMs: 15 * 60_000,
    sessionMaxAgeMs: whole('SESSION_HOURS', 8) * 3_600_000,
  };
}

export const SESSION_COOKIE = 'console_sid';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface LoginBody {
  name: string;
  password: string;
}

/**
 * Sessions (@fastify/session over the store: HttpOnly, SameSite=Strict, Secure over https, an expiry,
 * ended at logout), CSRF tokens (@fastify/csrf-protection, secret in the session), sign-in limited per
 * account and per address (@fastify/rate-limit), and the sign-in routes under /api/auth/.
 */
export async function registerAuth(app: FastifyInstance, store: Store, settings: ConsoleSecurity, accounts: AccountBook, audit: AdminAudit): Promise<{ perAddress: preHandlerAsyncHookHandler }> {
  await app.register(session, {
    secret: settings.sessionSecret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    store: consoleSessionStore(store, settings.sessionMaxAgeMs),
    cookie: { httpOnly: true, sameSite: 'strict', secure: settings.cookieSecure, path: '/', maxAge: settings.sessionMaxAgeMs },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });

  const perAddress = app.rateLimit({ max: settings.loginPerAddress, timeWindow: settings.loginWindowMs, keyGenerator: (req) => `console-login:${req.ip}` }) as preHandlerAsyncHookHandler;
  // @fastify/rate-limit runs one limiter per request, so the count per account is an atomic counter of the store
  // (shared by instances), like the officers' code attempts: every attempt counts, right or wrong
  const perAccount: preHandlerAsyncHookHandler = async (req, reply) => {
    const window = Math.floor(Date.now() / settings.loginWindowMs);
    const attempts = await store.increment('rate', `console-login:${accountName((req.body as LoginBody).name)}:${window}`, 1, settings.loginWindowMs * 2);
    if (attempts > settings.loginPerAccount) {
      const wait = Math.ceil((settings.loginWindowMs - (Date.now() % settings.loginWindowMs)) / 1000);
      await reply.status(429).header('retry-after', String(wait)).send({ error: 'too many sign-in attempts for this account; try again later' });
    }
  };
  const loginSchema = {
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'password'],
      properties: { name: { type: 'string', maxLength: 80 }, password: { type: 'string', maxLength: 200 } },
    },
  } as const;

  // a token before sign-in, so that the sign-in form itself cannot be forged from another site; and who is signed in, if anyone
  // each call may start a session in the store: limited per address like the chat
  const tokensPerAddress = app.rateLimit({ max: 10 * settings.loginPerAddress, timeWindow: settings.loginWindowMs, keyGenerator: (req) => `console-token:${req.ip}` }) as preHandlerAsyncHookHandler;
  app.get('/api/auth/csrf', { preHandler: tokensPerAddress }, async (req, reply) => {
    const name = req.session.get('account');
    const account = name ? await accounts.get(name) : undefined;
    return { token: reply.generateCsrf(), account: account && !account.disabled ? account : null };
  });

  app.post<{ Body: LoginBody }>('/api/auth/login', { schema: loginSchema, preHandler: [perAddress, perAccount, app.csrfProtection] }, async (req, reply) => {
    const account = await accounts.signIn(req.body.name, req.body.password);
    if (!account) {
      await audit.record(req.body.name.slice(0, 40) || '?', 'login.failed');
      return reply.status(401).send({ error: 'wrong name or password' });
    }
    // a new session id at sign-in: an id planted before it is worth nothing after
    await req.session.regenerate();
    req.session.set('account', account.name);
    await audit.record(account.name, 'login');
    return { account, csrf: reply.generateCsrf() };
  });

  app.post('/api/auth/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    const name = req.session.get('account');
    await req.session.destroy();
    if (name) await audit.record(name, 'logout');
    return reply.send({ ok: true });
  });
  return { perAddress };
}

/**
 * The guard of everything under /api/admin/: no valid session → 401, a role the route does not allow →
 * 403, a state-changing request without its CSRF token → 403. Routes say their roles in `config.roles`;
 * a route that says nothing is for administrators only, so a new route cannot be left open by mistake.
 */
export function guardConsoleApi(api: FastifyInstance, accounts: AccountBook): void {
  // preValidation: before the body and query are checked, so a stranger learns nothing of what a route expects
  api.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const name = req.session.get('account');
    const account = name ? await accounts.get(name) : undefined;
    if (!account || account.disabled) {
      if (name) await req.session.destroy();
      return reply.status(401).send({ error: 'sign in first' });
    }
    const roles = req.routeOptions.config.roles ?? ['admin'];
    if (!roles.includes(account.role)) return reply.status(403).send({ error: 'your role does not allow this' });
    req.account = account;
    if (STATE_CHANGING.has(req.method)) {
      // the plugin's check answers 403 itself, or calls on
      let passed = false;
      api.csrfProtection(req, reply, () => {
        passed = true;
      });
      if (!passed) return reply;
    }
  });
}
