import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { AccountError } from './accounts.js';
import type { ConsoleParts } from './console-parts.js';

interface SignupBody {
  code: string;
  name: string;
  password: string;
}

/**
 * An officer's invite code (the one of `officer invite`) spent on a console account instead of a chat: the account
 * gets the invite's unit and locality. The code is single-use and tried under the same limits as in the chats
 * (per name tried, by the officers' registry) and per address (@fastify/rate-limit, as the sign-in).
 */
export function registerInviteSignup(app: FastifyInstance, parts: ConsoleParts, perAddress: preHandlerAsyncHookHandler): void {
  const schema = {
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'name', 'password'],
      properties: { code: { type: 'string', maxLength: 40 }, name: { type: 'string', maxLength: 80 }, password: { type: 'string', maxLength: 200 } },
    },
  } as const;
  app.post<{ Body: SignupBody }>('/api/auth/invite', { schema, preHandler: [perAddress, app.csrfProtection] }, async (req, reply) => {
    const { code, name, password } = req.body;
    try {
      await parts.accounts.check(name, password);
    } catch (err) {
      if (err instanceof AccountError) return reply.status(400).send({ error: err.message });
      throw err;
    }
    const redeemed = await parts.officers.redeem(`console:${name.trim().toLowerCase()}`, code);
    if (!redeemed.ok) return reply.status(redeemed.reason === 'too_many_attempts' ? 429 : 400).send({ error: redeemed.reason === 'too_many_attempts' ? 'too many attempts; try again in an hour' : 'this invite code is wrong, used or expired' });
    const { unit, locality } = redeemed.officer;
    const account = await parts.accounts.add(name, 'officer', password, { unit, locality });
    await parts.audit.record(account.name, 'account.invite', `${unit}, ${locality}`);
    return { account };
  });
}
