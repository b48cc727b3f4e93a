import type { FastifyInstance } from 'fastify';
import { AccountError, ROLES, type Role } from '../accounts.js';
import type { ConsoleParts } from '../console-parts.js';

/** Who is signed in (every role), and for administrators: accounts and the audit log. */
export function accountRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  api.get('/me', { config: { roles: ROLES } }, async (req) => ({ account: req.account }));

  api.get('/accounts', async () => ({ accounts: await parts.accounts.list() }));

  api.post<{ Body: { name: string; role: Role; password: string; unit?: string; locality?: string } }>(
    '/accounts',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'role', 'password'],
          properties: { name: { type: 'string', maxLength: 40 }, role: { type: 'string', enum: [...ROLES] }, password: { type: 'string', maxLength: 200 }, unit: { type: 'string', maxLength: 200 }, locality: { type: 'string', maxLength: 80 } },
        },
      },
    },
    async (req, reply) => {
      try {
        const account = await parts.accounts.add(req.body.name, req.body.role, req.body.password, { unit: req.body.unit, locality: req.body.locality });
        await parts.audit.record(req.account!.name, 'account.add', account.name, account.role);
        return { account };
      } catch (err) {
        if (err instanceof AccountError) return reply.status(400).send({ error: err.message });
        throw err;
      }
    },
  );

  api.post<{ Params: { name: string }; Body: { disabled: boolean } }>(
    '/accounts/:name/disabled',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['disabled'], properties: { disabled: { type: 'boolean' } } } } },
    async (req, reply) => {
      if (req.params.name === req.account!.name) return reply.status(400).send({ error: 'you cannot disable your own account' });
      try {
        await parts.accounts.setDisabled(req.params.name, req.body.disabled);
      } catch (err) {
        if (err instanceof AccountError) return reply.status(404).send({ error: err.message });
        throw err;
      }
      await parts.audit.record(req.account!.name, req.body.disabled ? 'account.disable' : 'account.enable', req.params.name);
      return { ok: true };
    },
  );

  api.get('/audit', async () => ({ entries: await parts.audit.recent(200) }));
}
