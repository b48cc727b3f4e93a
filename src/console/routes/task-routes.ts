import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { planLabel } from '../../officers/desk.js';
import { DUE_SOON_DAYS } from '../../officers/reminders.js';
import { vietnamDay } from '../../util/vietnam-time.js';
import { countTasks, isOverdue } from '../../tasks/task-counts.js';
import type { Unit } from '../../tasks/units.js';
import type { ConsoleParts } from '../console-parts.js';
import { currentLocalities } from './officer-routes.js';

const TASK_ROLES = { roles: ['admin', 'officer'] } as const;
const unitQuery = {
  querystring: { type: 'object', additionalProperties: false, required: ['locality', 'unit'], properties: { locality: { type: 'string', maxLength: 80 }, unit: { type: 'string', maxLength: 200 } } },
} as const;
const taskBody = { body: { type: 'object', additionalProperties: false, required: ['plan', 'code'], properties: { plan: { type: 'string', maxLength: 80 }, code: { type: 'string', maxLength: 40 } } } } as const;

/** Nhiệm vụ: counts per unit and locality, a unit's list, a task's history, reopen. An officer sees and changes only their own unit's. */
export function taskRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  const unitOf = (locality: string, name: string): Unit | undefined => parts.knowledge.units.unitsOf(locality).find((u) => u.name === name);
  /** The unit asked for, or the officer's own whatever was asked. */
  const allowedUnit = (req: FastifyRequest, locality: string, unit: string): Unit | undefined => {
    const account = req.account!;
    return account.role === 'officer' ? unitOf(account.locality!, account.unit!) : unitOf(locality, unit);
  };
  const today = () => vietnamDay(parts.clock());

  api.get('/tasks', { config: TASK_ROLES }, async (req) => {
    const account = req.account!;
    const wanted = account.role === 'officer' ? [{ name: account.locality!, units: [account.unit!] }] : currentLocalities(parts);
    const rows = [];
    for (const locality of wanted) {
      for (const name of locality.units) {
        const unit = unitOf(locality.name, name);
        if (!unit) continue;
        const counts = countTasks(await parts.tasks.tasksOf(unit), today(), DUE_SOON_DAYS);
        if (counts.total > 0) rows.push({ locality: locality.name, unit: unit.name, ...counts });
      }
    }
    return { today: today(), soonDays: DUE_SOON_DAYS, units: rows };
  });

  api.get<{ Querystring: { locality: string; unit: string } }>('/tasks/list', { config: TASK_ROLES, schema: unitQuery }, async (req, reply) => {
    const unit = allowedUnit(req, req.query.locality, req.query.unit);
    if (!unit) return reply.status(404).send({ error: 'no such unit' });
    const items = await parts.tasks.tasksOf(unit);
    return {
      unit: unit.name,
      locality: unit.locality,
      counts: countTasks(items, today(), DUE_SOON_DAYS),
      tasks: items.map((i) => ({ plan: i.plan.id, planLabel: planLabel(i.plan), code: i.task.code, title: i.task.title, role: i.role, via: i.via ? `${i.via.name}, ${i.via.locality}` : undefined, deadline: i.task.deadline, overdue: isOverdue(i, today()), status: i.status, mayChange: i.mayChange })),
    };
  });

  /** The task, when this account may see it: any for an administrator, one of their unit's for an officer. */
  const findTask = async (req: FastifyRequest, reply: FastifyReply, planId: string, code: string) => {
    const account = req.account!;
    const found = parts.tasks.find(code).find((f) => f.plan.id === planId);
    if (!found) return void (await reply.status(404).send({ error: 'no such task' }));
    if (account.role !== 'officer') return { ...found, mayChange: true, unit: 'administrator' };
    const unit = unitOf(account.locality!, account.unit!);
    const standing = unit ? parts.tasks.standing(found.plan, found.task, unit) : undefined;
    if (!standing) return void (await reply.status(403).send({ error: 'not a task of your unit' }));
    return { ...found, mayChange: standing.mayChange, unit: unit!.name };
  };

  api.get<{ Querystring: { plan: string; code: string } }>(
    '/tasks/history',
    { config: TASK_ROLES, schema: { querystring: taskBody.body } },
    async (req, reply) => {
      const found = await findTask(req, reply, req.query.plan, req.query.code);
      if (!found) return reply;
      return { plan: found.plan.id, code: found.task.code, title: found.task.title, status: await parts.tasks.status(found.plan.id, found.task.code), history: await parts.tasks.history(found.plan.id, found.task.code) };
    },
  );

  api.post<{ Body: { plan: string; code: string } }>('/tasks/reopen', { config: TASK_ROLES, schema: taskBody }, async (req, reply) => {
    const found = await findTask(req, reply, req.body.plan, req.body.code);
    if (!found) return reply;
    if (!found.mayChange) return reply.status(403).send({ error: 'only the lead unit may reopen this task' });
    if ((await parts.tasks.status(found.plan.id, found.task.code)).state !== 'done') return reply.status(409).send({ error: 'the task is open already' });
    await parts.tasks.change(found.plan.id, found.task.code, `console:${req.account!.name}`, found.unit, 'reopen', parts.clock());
    await parts.audit.record(req.account!.name, 'task.reopen', `${found.plan.id} ${found.task.code}`);
    return { ok: true };
  });
}
