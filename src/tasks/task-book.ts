import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../storage/store.js';
import type { Duty, PlanInfo, Task, TaskList } from './types.js';
import { Succession, type Seat, type Share } from './succession.js';
import type { Unit, UnitDirectory } from './units.js';

/** lead, coordinating, member of a group given the task, or a former district committee's task ("formerly UBND cấp huyện") */
export type Role = 'lead' | 'support' | 'group' | 'district';

/** How a unit of today stands to a task, possibly through a unit it succeeded (`via`). */
export interface Standing {
  role: Role;
  share: Share;
  /** the plan's own unit when it is not the asking unit itself */
  via?: Unit;
  /** may close, note and reopen the task */
  mayChange: boolean;
}

export interface TaskStatus {
  state: 'open' | 'done';
  /** the latest progress note */
  note?: string;
  by?: string;
  at?: string;
}

/** A task as one unit sees it. */
export interface UnitTask extends Standing {
  plan: PlanInfo;
  task: Task;
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

const ROLE_ORDER: Record<Role, number> = { lead: 0, support: 1, group: 2, district: 3 };
const SHARE_ORDER: Record<Share, number> = { self: 0, full: 1, part: 2, district: 3 };

/** The plan's own locality ("Quảng Xương, Thanh Hóa" → "Quảng Xương"). */
function planLocality(plan: PlanInfo): string {
  return plan.locality?.split(',')[0]?.trim() ?? '';
}

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
    readonly succession: Succession = Succession.none(units),
  ) {}

  static load(dir: string, units: UnitDirectory, store: Store, succession?: Succession): TaskBook {
    return new TaskBook(readTaskLists(dir), units, store, succession);
  }

  private watched?: { tasksDir: string; unitsFile: string; everyMs: number; signature: string; checkedAt: number };

  /**
   * Keeps the task lists and the unit directory in step with their files: when a file of `tasksDir` or
   * `unitsFile` changed (looked at most every `everyMs` when officers ask), both are read again, so a
   * plan saved by `import-plan --save` is live without a restart. A file that does not parse is ignored
   * until it is fixed; the lists in hand stay.
   */
  watch(tasksDir: string, unitsFile: string, everyMs = 2000): this {
    this.watched = { tasksDir, unitsFile, everyMs, signature: filesSignature(tasksDir, unitsFile), checkedAt: Date.now() };
    return this;
  }

  /** Reads the files again if they changed (see `watch`); asking for tasks does it too. */
  refresh(): void {
    const w = this.watched;
    if (!w || Date.now() - w.checkedAt < w.everyMs) return;
    w.checkedAt = Date.now();
    const signature = filesSignature(w.tasksDir, w.unitsFile);
    if (signature === w.signature) return;
    try {
      const lists = readTaskLists(w.tasksDir);
      this.units.replaceWith(JSON.parse(readFileSync(w.unitsFile, 'utf8')));
      this.lists.splice(0, this.lists.length, ...lists);
      w.signature = signature;
    } catch {
      // half-edited by hand: try again at the next change
    }
  }

  /** The plans of a locality and of the former localities now part of it. */
  private listsOf(locality: string): TaskList[] {
    this.refresh();
    const places = new Set(this.succession.localitiesOf(locality));
    return this.lists.filter((l) => places.has(planLocality(l.plan)));
  }

  /** A seat's role in a task: a former district's seat counts only names of its own, not the groups of every unit. */
  private seatRole(task: Task, seat: Seat): Role | undefined {
    if (seat.share !== 'district') return this.roleOf(task, seat.unit);
    const named = (n: string) => {
      const how = this.units.covers(n, seat.unit);
      return how === 'unit' || (how === 'group' && this.units.groupOf(n)?.members.includes('district'));
    };
    if (task.lead.some(named)) return 'lead';
    return task.support.some(named) ? 'support' : undefined;
  }

  /** How a unit of today stands to a task of a plan: through itself or the best of the units it succeeded. */
  standing(plan: PlanInfo, task: Task, unit: Unit, seats: Seat[] = this.succession.seatsOf(unit)): Standing | undefined {
    const where = planLocality(plan);
    let best: Standing | undefined;
    for (const seat of seats) {
      if (seat.unit.locality !== where) continue;
      const role = this.seatRole(task, seat);
      if (!role) continue;
      const shown: Role = seat.share === 'district' ? 'district' : seat.share === 'part' && role === 'lead' ? 'support' : role;
      const candidate: Standing = {
        role: shown,
        share: seat.share,
        mayChange: seat.mayChange && role === 'lead',
        ...(seat.share === 'self' ? {} : { via: seat.unit }),
      };
      if (!best || ROLE_ORDER[shown] - ROLE_ORDER[best.role] < 0 || (shown === best.role && SHARE_ORDER[seat.share] < SHARE_ORDER[best.share])) best = candidate;
    }
    return best;
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

  /**
   * Every task of the unit's locality (and of the units it succeeded) that concerns it: lead first, then
   * coordinating, group, former districts; by due date.
   */
  async tasksOf(unit: Unit): Promise<UnitTask[]> {
    const found: UnitTask[] = [];
    const seats = this.succession.seatsOf(unit);
    for (const list of this.listsOf(unit.locality)) {
      for (const task of list.tasks) {
        const standing = this.standing(list.plan, task, unit, seats);
        if (standing) found.push({ plan: list.plan, task, ...standing, status: await this.status(list.plan.id, task.code) });
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
    const seats = this.succession.seatsOf(unit);
    return this.listsOf(unit.locality).flatMap((l) =>
      l.duties
        .filter((d) => seats.some((s) => s.unit.locality === planLocality(l.plan) && this.seatRole({ code: '', title: '', lead: [d.unit], support: [], deadline: { kind: 'none', due: null, text: '' } }, s)))
        .map((duty) => ({ plan: l.plan, duty })),
    );
  }

  /** Tasks with this code in the locality's plans (a code may recur across plans). */
  find(code: string, locality?: string): { plan: PlanInfo; task: Task }[] {
    this.refresh();
    const lists = locality ? this.listsOf(locality) : this.lists;
    return lists.flatMap((l) => l.tasks.filter((t) => t.code.toLowerCase() === code.toLowerCase()).map((task) => ({ plan: l.plan, task })));
  }

  plans(locality?: string): TaskList[] {
    this.refresh();
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

function readTaskLists(dir: string): TaskList[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TaskList);
}

/** Names, sizes and times of the files a task book is read from: a change in any is a reason to read again. */
function filesSignature(tasksDir: string, unitsFile: string): string {
  const files = [...readdirSync(tasksDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(tasksDir, f)), unitsFile];
  return files.map((f) => {
    const st = statSync(f, { throwIfNoEntry: false });
    return `${f}:${st?.size}:${st?.mtimeMs}`;
  }).join('|');
}
