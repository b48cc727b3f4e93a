import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../core/build.js';
import { InviteError, resolveInviteUnit, type InviteProblem } from '../officers/invite-unit.js';
import { OfficerRegistry } from '../officers/registry.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { Succession, vnDate } from '../tasks/succession.js';
import { TaskBook } from '../tasks/task-book.js';
import { UnitDirectory } from '../tasks/units.js';
import { clockFromEnv } from '../util/clock.js';
import { t } from './text.js';

function directory(): UnitDirectory {
  return UnitDirectory.load(join(PROJECT_ROOT, 'data/units.json'));
}

function taskBook(store: Store): TaskBook {
  const units = directory();
  return TaskBook.load(join(PROJECT_ROOT, 'data/tasks'), units, store, Succession.load(join(PROJECT_ROOT, 'data/succession.json'), units));
}

/** The unit an invite is for, or an error that says, in the operator's language, what to use instead. */
function inviteUnit(units: UnitDirectory, name: string, locality: string | undefined): { unit: string; locality: string } {
  try {
    return resolveInviteUnit(units, Succession.load(join(PROJECT_ROOT, 'data/succession.json'), units), name, locality);
  } catch (err) {
    throw err instanceof InviteError ? new Error(describeInviteProblem(err.problem)) : err;
  }
}

function describeInviteProblem(p: InviteProblem): string {
  switch (p.kind) {
    case 'locality_gone': {
      const { from, to, since, note } = p.change;
      const what = p.district ? t('invite.district', { name: from }) : from;
      return t('invite.locality_gone', { what, since: vnDate(since), note: note ?? t('invite.part_of', { to }), to, from });
    }
    case 'unit_gone': {
      const { from, to, parts, since } = p.change;
      const part = parts?.length ? ` (${parts.map((x) => t('invite.part', { unit: x.unit, what: x.what })).join('; ')})` : '';
      return t('invite.unit_gone', { from, since: vnDate(since), to: to.join(t('invite.or')), parts: part });
    }
    case 'district_gone':
      return t('invite.district_gone', { label: p.label, since: vnDate(p.since), steward: p.steward });
    case 'unknown_locality':
      return t('invite.unknown_locality', { locality: p.locality, known: p.known.join(', ') });
    case 'no_unit':
      return t('invite.no_unit', { name: p.name, where: p.locality ? t('invite.in_locality', { locality: p.locality }) : '' });
    case 'ambiguous':
      return t('invite.ambiguous', { name: p.name, localities: p.localities.join(', ') });
  }
}

export async function officerCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const store = openStore(process.env);
  const registry = new OfficerRegistry(store, clockFromEnv(process.env));
  try {
    if (sub === 'invite') {
      const { values } = parseArgs({ args: rest, options: { unit: { type: 'string' }, locality: { type: 'string' } } });
      if (!values.unit) throw new Error(t('officer.invite.needs_unit'));
      const units = directory();
      const { unit, locality } = inviteUnit(units, values.unit, values.locality);
      const { code, expires } = await registry.invite(unit, locality);
      console.log(t('officer.invite.header', { unit, locality, expires: expires.slice(0, 16).replace('T', ' ') }));
      console.log(`\n  /officer ${code}\n`);
      console.log(t('officer.invite.how'));
      return;
    }
    if (sub === 'list') {
      const officers = await registry.list();
      if (officers.length === 0) console.log(t('officer.list.empty'));
      for (const o of officers) console.log(`${o.user}\t${o.unit}\t${o.locality}\t${t('officer.list.since', { date: o.since.slice(0, 10) })}`);
      return;
    }
    if (sub === 'revoke') {
      const user = rest[0];
      if (!user) throw new Error(t('officer.revoke.needs_user'));
      console.log(t((await registry.revoke(user)) ? 'officer.revoke.done' : 'officer.revoke.not_officer', { user }));
      return;
    }
    throw new Error(t('officer.needs_subcommand'));
  } finally {
    await store.close();
  }
}

export async function taskCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'reopen') return reopenTask(rest);
  if (sub !== 'history') throw new Error(t('task.needs_subcommand'));
  const { values, positionals } = parseArgs({ args: rest, options: { plan: { type: 'string' } }, allowPositionals: true });
  const code = positionals[0];
  if (!code) throw new Error(t('task.history.needs_code'));
  const store = openStore(process.env);
  try {
    const book = taskBook(store);
    const found = book.find(code).filter((f) => !values.plan || f.plan.id.startsWith(values.plan));
    if (found.length === 0) throw new Error(values.plan ? t('task.not_found_in_plan', { code, plan: values.plan }) : t('task.not_found', { code }));
    for (const { plan, task } of found) {
      const history = await book.history(plan.id, task.code);
      console.log(`${task.code} — ${plan.id} (${plan.locality}): ${history.length === 0 ? t('task.history.no_changes') : t('task.history.changes', { count: history.length })}`);
      for (const h of history) {
        console.log(t('task.history.entry', {
          at: h.at,
          action: t(`task.action.${h.action}`).padEnd(7),
          by: h.by,
          unit: h.unit,
          before: t(`task.state.${h.before.state}`),
          after: t(`task.state.${h.after.state}`),
          note: h.after.note && h.action === 'note' ? ` "${h.after.note}"` : '',
        }));
      }
    }
  } finally {
    await store.close();
  }
}

/** `task reopen CODE --plan ID --by NAME`: an administrator reopens a task closed by mistake; the audit log keeps who and when. */
async function reopenTask(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { plan: { type: 'string' }, by: { type: 'string' } }, allowPositionals: true });
  const code = positionals[0];
  if (!code || !values.plan || !values.by?.trim()) throw new Error(t('task.reopen.needs'));
  const store = openStore(process.env);
  try {
    const book = taskBook(store);
    const found = book.find(code).filter((f) => f.plan.id.startsWith(values.plan!));
    if (found.length !== 1) throw new Error(found.length === 0 ? t('task.not_found_in_plan', { code, plan: values.plan }) : t('task.reopen.ambiguous', { code, count: found.length, plan: values.plan }));
    const { plan, task } = found[0]!;
    const before = await book.status(plan.id, task.code);
    if (before.state !== 'done') {
      console.log(t('task.reopen.open_already', { code: task.code, plan: plan.id }));
      return;
    }
    const by = values.by.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 80);
    await book.change(plan.id, task.code, `admin:${by}`, 'administrator', 'reopen', clockFromEnv(process.env)());
    console.log(t('task.reopen.done', { code: task.code, plan: plan.id, by }));
  } finally {
    await store.close();
  }
}
