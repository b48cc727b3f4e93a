import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../core/build.js';
import { resolveInviteUnit } from '../officers/invite-unit.js';
import { OfficerRegistry } from '../officers/registry.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { Succession } from '../tasks/succession.js';
import { TaskBook } from '../tasks/task-book.js';
import { UnitDirectory } from '../tasks/units.js';
import { clockFromEnv } from '../util/clock.js';

function directory(): UnitDirectory {
  return UnitDirectory.load(join(PROJECT_ROOT, 'data/units.json'));
}

function taskBook(store: Store): TaskBook {
  const units = directory();
  return TaskBook.load(join(PROJECT_ROOT, 'data/tasks'), units, store, Succession.load(join(PROJECT_ROOT, 'data/succession.json'), units));
}

export async function officerCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const store = openStore(process.env);
  const registry = new OfficerRegistry(store, clockFromEnv(process.env));
  try {
    if (sub === 'invite') {
      const { values } = parseArgs({ args: rest, options: { unit: { type: 'string' }, locality: { type: 'string' } } });
      if (!values.unit) throw new Error('officer invite needs --unit "NAME" (and --locality "NAME" when the unit exists in several)');
      const units = directory();
      const { unit, locality } = resolveInviteUnit(units, Succession.load(join(PROJECT_ROOT, 'data/succession.json'), units), values.unit, values.locality);
      const { code, expires } = await registry.invite(unit, locality);
      console.log(`Invite for ${unit} (${locality}), single use, valid until ${expires.slice(0, 16).replace('T', ' ')} UTC:`);
      console.log(`\n  /officer ${code}\n`);
      console.log('Give it to the officer in person or through a trusted channel; they send it to the assistant in any channel.');
      return;
    }
    if (sub === 'list') {
      const officers = await registry.list();
      if (officers.length === 0) console.log('No officers yet. Create an invite with: officer invite --unit "NAME" --locality "NAME"');
      for (const o of officers) console.log(`${o.user}\t${o.unit}\t${o.locality}\tsince ${o.since.slice(0, 10)}`);
      return;
    }
    if (sub === 'revoke') {
      const user = rest[0];
      if (!user) throw new Error('officer revoke needs the USER as shown by "officer list" (channel:id)');
      console.log((await registry.revoke(user)) ? `${user} is no longer an officer.` : `${user} was not an officer.`);
      return;
    }
    throw new Error('officer needs a subcommand: invite, list or revoke');
  } finally {
    await store.close();
  }
}

export async function taskCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'reopen') return reopenTask(rest);
  if (sub !== 'history') throw new Error('task needs a subcommand: history CODE [--plan ID] | reopen CODE --plan ID --by NAME');
  const { values, positionals } = parseArgs({ args: rest, options: { plan: { type: 'string' } }, allowPositionals: true });
  const code = positionals[0];
  if (!code) throw new Error('task history needs a task CODE, e.g. 2.3.1');
  const store = openStore(process.env);
  try {
    const book = taskBook(store);
    const found = book.find(code).filter((f) => !values.plan || f.plan.id.startsWith(values.plan));
    if (found.length === 0) throw new Error(`No task ${code}${values.plan ? ` in plan ${values.plan}` : ''}.`);
    for (const { plan, task } of found) {
      const history = await book.history(plan.id, task.code);
      console.log(`${task.code} — ${plan.id} (${plan.locality}): ${history.length === 0 ? 'no changes' : `${history.length} change(s)`}`);
      for (const h of history) {
        console.log(`  ${h.at}  ${h.action.padEnd(6)} by ${h.by} (${h.unit}): ${h.before.state} → ${h.after.state}${h.after.note && h.action === 'note' ? ` "${h.after.note}"` : ''}`);
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
  if (!code || !values.plan || !values.by?.trim()) throw new Error('task reopen needs CODE --plan ID --by NAME, e.g. task reopen 2.3.1 --plan 002 --by "Nguyễn Văn A"');
  const store = openStore(process.env);
  try {
    const book = taskBook(store);
    const found = book.find(code).filter((f) => f.plan.id.startsWith(values.plan!));
    if (found.length !== 1) throw new Error(found.length === 0 ? `No task ${code} in plan ${values.plan}.` : `Task ${code} is in ${found.length} plans starting with ${values.plan}: give more of the plan id.`);
    const { plan, task } = found[0]!;
    const before = await book.status(plan.id, task.code);
    if (before.state !== 'done') {
      console.log(`Task ${task.code} (${plan.id}) is open already; nothing changed.`);
      return;
    }
    const by = values.by.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 80);
    await book.change(plan.id, task.code, `admin:${by}`, 'administrator', 'reopen', clockFromEnv(process.env)());
    console.log(`Task ${task.code} (${plan.id}) reopened by ${by}; see: task history ${task.code} --plan ${plan.id}`);
  } finally {
    await store.close();
  }
}
