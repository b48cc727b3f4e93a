import type { UnitTask } from './task-book.js';

/** Open, overdue and due-soon tasks of a unit on a day: the figures of the console's task page and the reminders' digest. */
export interface TaskCounts {
  total: number;
  open: number;
  overdue: number;
  dueSoon: number;
}

/** The day `n` days after a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** An open task whose last allowed day is before `today`. */
export function isOverdue(item: UnitTask, today: string): boolean {
  return item.status.state !== 'done' && item.task.deadline.kind === 'date' && item.task.deadline.due! < today;
}

/** An open task due from `today` to `horizon` (both included). */
export function isDueBetween(item: UnitTask, today: string, horizon: string): boolean {
  const due = item.task.deadline.due;
  return item.status.state !== 'done' && item.task.deadline.kind === 'date' && due !== null && due >= today && due <= horizon;
}

/** An open task due from `today` to `days` days after it. */
export function isDueSoon(item: UnitTask, today: string, days: number): boolean {
  return isDueBetween(item, today, addDays(today, days));
}

export function countTasks(items: UnitTask[], today: string, soonDays: number): TaskCounts {
  return {
    total: items.length,
    open: items.filter((i) => i.status.state !== 'done').length,
    overdue: items.filter((i) => isOverdue(i, today)).length,
    dueSoon: items.filter((i) => isDueSoon(i, today, soonDays)).length,
  };
}
