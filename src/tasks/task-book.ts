import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../storage/store.js';
import type { Duty, PlanInfo, Task, TaskList } from './types.js';
import type { Unit, UnitDirectory } from './units.js';

export type Role = 'lead' | 'support' | 'group';

export interface TaskStatus {
  state: 'open' | 'done';
  /** the latest progress note */
  note?: string;
  by?: string;
  at?: string;
}

/** A task as one unit sees it. */
export interface UnitTask {
  plan: PlanInfo;
  task: Task;
  role: Role;
  status: TaskStatus;
}

/** One change of a task, kept for good (nhật ký). */
export interface AuditEntry {
  at: string;
  by: string;
  unit: string;
  action: 'done' | 'note' | 'reopen';
  before: TaskStatus;
  after: TaskStatus;
}

const ROLE_ORDER: Record<Role, number> = { lead: 0, support: 1, group: 2 };

function taskKey(planId: string, code: string): string {
  return `${planId}:${code}`;
}

/**
 * The reviewed task lists of all plans and their status. Tasks are read from data/tasks; what officers
 * change (done, notes) lives in the store with an audit log, so it survives restarts.
 */
export class TaskBook {
  constructor(
    readonly lists: TaskList[],
    private readonly units: UnitDirectory,
    private readonly store: Store,
  ) {}

  static load(dir: string, units: UnitDirectory, store: Store): TaskBook {
    const lists = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TaskList);
    return new TaskBook(lists, units, store);
  }

  private listsOf(locality: string): TaskList[] {
    return this.lists.filter((l) => l.plan.locality?.split(',')[0] === locality);
  }

  /** How a unit stands to a task: named lead, named coordinator, or member of a group given it. */
  roleOf(task: Task, unit: Unit): Role | undefined {
    const lead = task.lead.map((n) => this.units.covers(n, unit));
    if (lead.includes('unit')) return 'lead';
    const support = task.support.map((n) => this.units.covers(n, unit));
    if (support.includes('unit')) return 'support';
    if (lead.includes('group') || support.includes('group')) return 'group';
    return undefined;
  }

  async status(planId: string, code: string): Promise<TaskStatus> {
    return (await this.store.get<TaskStatus>('task', taskKey(planId, code))) ?? { state: 'open' };
  }

  /** Every task of the unit's locality that concerns it, lead first, then coordinating, then group; by due date. */
  async tasksOf(unit: Unit): Promise<UnitTask[]> {
    const found: UnitTask[] = [];
    for (const list of this.listsOf(unit.locality)) {
      for (const task of list.tasks) {
        const role = this.roleOf(task, unit);
        if (role) found.push({ plan: list.plan, task, role, status: await this.status(list.plan.id, task.code) });
      }
    }
    return found.sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        (a.task.deadline.due ?? '9999').localeCompare(b.task.deadline.due ?? '9999') ||
        a.plan.id.localeCompare(b.plan.id),
    );
  }

  dutiesOf(unit: Unit): { plan: PlanInfo; duty: Duty }[] {
    return this.listsOf(unit.locality).flatMap((l) =>
      l.duties.filter((d) => this.units.covers(d.unit, unit)).map((duty) => ({ plan: l.plan, duty })),
    );
  }

  /** Tasks with this code in the locality's plans (a code may recur across plans). */
  find(code: string, locality?: string): { plan: PlanInfo; task: Task }[] {
    const lists = locality ? this.listsOf(locality) : this.lists;
    return lists.flatMap((l) => l.tasks.filter((t) => t.code.toLowerCase() === code.toLowerCase()).map((task) => ({ plan: l.plan, task })));
  }

  plans(locality?: string): TaskList[] {
    return locality ? this.listsOf(locality) : this.lists;
  }

  /** Records a change and its audit entry. The audit sequence number comes from an atomic counter. */
  async change(planId: string, code: string, by: string, unit: string, action: AuditEntry['action'], at: Date, note?: string): Promise<AuditEntry> {
    const before = await this.status(planId, code);
    const after: TaskStatus = {
      state: action === 'done' ? 'done' : action === 'reopen' ? 'open' : before.state,
      ...(note ? { note } : before.note ? { note: before.note } : {}),
      by,
      at: at.toISOString(),
    };
    const entry: AuditEntry = { at: at.toISOString(), by, unit, action, before, after };
    const seq = await this.store.increment('audit', `${taskKey(planId, code)}:count`);
    await this.store.set('audit', `${taskKey(planId, code)}:${seq}`, entry);
    await this.store.set('task', taskKey(planId, code), after);
    return entry;
  }

  async history(planId: string, code: string): Promise<AuditEntry[]> {
    const count = await this.store.count('audit', `${taskKey(planId, code)}:count`);
    const entries = await Promise.all(Array.from({ length: count }, (_, i) => this.store.get<AuditEntry>('audit', `${taskKey(planId, code)}:${i + 1}`)));
    return entries.filter((e): e is AuditEntry => e !== undefined);
  }
}
