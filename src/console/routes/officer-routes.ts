import type { FastifyInstance } from 'fastify';
import { InviteError, resolveInviteUnit } from '../../officers/invite-unit.js';
import type { ConsoleParts } from '../console-parts.js';

/** Today's localities and units (not those merged into another since the plans): the choices of the console's forms and task page. */
export function currentLocalities(parts: ConsoleParts): { name: string; kind: string; units: string[] }[] {
  const { units, succession } = parts.knowledge;
  return units.localities
    .filter((l) => !succession.localityChange(l.name))
    .map((l) => ({ name: l.name, kind: l.kind, units: units.unitsOf(l.name).filter((u) => !succession.unitChange(u.name)).map((u) => u.name) }));
}

/** Cán bộ: invite (the code is shown once, only its hash is kept), list, revoke. Administrators only. */
export function officerRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  api.get('/localities', { config: { roles: ['admin', 'editor', 'officer'] } }, async () => ({ localities: currentLocalities(parts) }));

  api.get('/officers', async () => ({ officers: await parts.officers.list() }));

  api.post<{ Body: { unit: string; locality?: string } }>(
    '/officers/invite',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['unit'], properties: { unit: { type: 'string', maxLength: 200 }, locality: { type: 'string', maxLength: 80 } } } } },
    async (req, reply) => {
      try {
        const { unit, locality } = resolveInviteUnit(parts.knowledge.units, parts.knowledge.succession, req.body.unit, req.body.locality || undefined);
        const invite = await parts.officers.invite(unit, locality);
        await parts.audit.record(req.account!.name, 'officer.invite', `${unit}, ${locality}`);
        return { unit, locality, ...invite };
      } catch (err) {
        if (err instanceof InviteError) return reply.status(400).send({ error: err.message });
        throw err;
      }
    },
  );

  api.post<{ Body: { user: string } }>(
    '/officers/revoke',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['user'], properties: { user: { type: 'string', maxLength: 120 } } } } },
    async (req) => {
      const removed = await parts.officers.revoke(req.body.user);
      if (removed) await parts.audit.record(req.account!.name, 'officer.revoke', req.body.user);
      return { removed };
    },
  );
}
