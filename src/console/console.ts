import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { guardConsoleApi, registerAuth, type ConsoleSecurity } from './auth.js';
import type { ConsoleParts } from './console-parts.js';
import { registerInviteSignup } from './invite-signup.js';
import { accountRoutes } from './routes/account-routes.js';
import { broadcastRoutes } from './routes/broadcast-routes.js';
import { campaignRoutes } from './routes/campaign-routes.js';
import { handoffRoutes } from './routes/handoff-routes.js';
import { officerRoutes } from './routes/officer-routes.js';
import { overviewRoutes } from './routes/overview-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { taskRoutes } from './routes/task-routes.js';

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
/** Chart.js as the package ships it, served by this server (no CDN: the CSP allows scripts from here only). */
const CHART_JS = readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'));

/**
 * The operations console: its pages at /admin/ (static files, no inline code) and the JSON API under
 * /api/admin/, every route of which asks for a session, a role and, to change anything, a CSRF token.
 */
export async function registerConsole(app: FastifyInstance, parts: ConsoleParts, security: ConsoleSecurity): Promise<void> {
  // the chat may be framed by a portal (EMBED_ORIGINS); the console never: no one may frame it to steal clicks
  app.addHook('onSend', async (req, reply) => {
    if (!/^\/(?:admin|api\/admin|api\/auth)(?:\/|$)/.test(req.url)) return;
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]+/, "frame-ancestors 'none'"));
    reply.header('x-frame-options', 'DENY');
  });
  const { perAddress } = await registerAuth(app, parts.store, security, parts.accounts, parts.audit);
  registerInviteSignup(app, parts, perAddress);
  await app.register(fastifyStatic, { root: PUBLIC, prefix: '/admin/', index: 'index.html', redirect: true, cacheControl: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') });
  app.get('/admin/vendor/chart.umd.min.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(CHART_JS));
  await app.register(
    async (api) => {
      guardConsoleApi(api, parts.accounts);
      accountRoutes(api, parts);
      overviewRoutes(api, parts);
      reviewRoutes(api, parts);
      campaignRoutes(api, parts);
      officerRoutes(api, parts);
      taskRoutes(api, parts);
      broadcastRoutes(api, parts);
      handoffRoutes(api, parts);
    },
    { prefix: '/api/admin' },
  );
}
